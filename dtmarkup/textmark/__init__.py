"""Plain wire text to typed markup: deterministic, explainable rules (issue 9).

The pipeline, one module per job:

- ``segment``: lines -> blocks (caption, credit, byline, headline, dateline, paragraphs,
  block quotes and their attribution lines);
- ``names``: the entity registry (persons, organizations, places) and name spotting;
- ``quotes``: quotation spans and their speakers;
- ``dates``: dates in the text resolved against a reference date;
- ``compose``: everything above -> a ``dtmarkup.model.Article``;
- ``explain``: the trace of which rule produced which element from which span;
- ``evaluate``: precision, recall and F1 of quote detection and attribution.

Word lists live in ``lexicon`` and ``places``: data, not logic.
"""
