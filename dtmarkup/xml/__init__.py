"""dtmarkup XML: the secure parser (input gate), and the model's XML reader and writer."""
