"""DT0xx: the input gate and file handling. What is refused before any schema runs, and why.

DT001-DT016 are findings about a document (dtmarkup/xml/gate.py); DT020-DT023 are
refusals to write an output file (dtmarkup/cli/output.py); DT024 and DT025 refuse a
configuration or baseline file (dtmarkup/workspace/); DT030-DT032 are findings of a
directory walk (dtmarkup/sources/files.py).
"""

from __future__ import annotations

from dtmarkup.codes import CodeInfo
from dtmarkup.diagnostics import Severity

E = Severity.ERROR
L = "input"

TABLE: tuple[CodeInfo, ...] = (
    CodeInfo(
        "DT001",
        E,
        "Document is not well-formed XML",
        "A document that is not well-formed XML cannot be read by any XML tool; nothing "
        "else about it can be checked.",
        "<p>Blinken <em>met</p>",
        "<p>Blinken <em>met</em></p>",
        "Fix the XML syntax at the line and column given: close every element, quote "
        "every attribute, escape & and < in text.",
        L,
    ),
    CodeInfo(
        "DT002",
        E,
        "Input cannot be read",
        "The file does not exist, is a directory, or cannot be opened.",
        "dtmarkup validate missing.xml",
        "dtmarkup validate samples/article.xml",
        "Check the path and the file's permissions.",
        L,
    ),
    CodeInfo(
        "DT003",
        E,
        "DOCTYPE declarations are not allowed",
        "A DOCTYPE can declare entities that expand exponentially (billion laughs) or "
        "read local files and URLs (XXE). dtmarkup documents never need one, so the gate "
        "refuses any DOCTYPE before the XML parser reads it.",
        '<!DOCTYPE article SYSTEM "article.dtd">',
        '<article xmlns="urn:dtmarkup:1" ...>',
        "Remove the DOCTYPE declaration; write characters directly (UTF-8) or as "
        "numeric references such as &#8217;.",
        L,
    ),
    CodeInfo(
        "DT004",
        E,
        "Entity reference not allowed",
        "Only the five predefined entities (&amp; &lt; &gt; &quot; &apos;) and numeric "
        "character references are allowed; any other entity needs a DTD.",
        "<p>&nbsp;Reykjavik</p>",
        "<p>&#160;Reykjavik</p>",
        "Replace the entity with the character itself or a numeric reference.",
        L,
    ),
    CodeInfo(
        "DT005",
        E,
        "Document is too large",
        "Inputs are capped in size (50 MB by default) so that one document cannot "
        "exhaust memory; nothing beyond the limit is read.",
        "a 2 GB article",
        "an article under the limit",
        "Split the document. If the source is trusted, a library caller can raise the "
        "limit with dtmarkup.Limits(max_bytes=...).",
        L,
    ),
    CodeInfo(
        "DT006",
        E,
        "Encoding not allowed or not decodable",
        "dtmarkup reads UTF-8, UTF-16, ASCII, ISO-8859-x and windows-125x. Odd encodings "
        "such as UTF-7, UTF-32 or EBCDIC are a known way to smuggle markup past filters, "
        "and bytes that do not decode in the document's encoding are not text.",
        '<?xml version="1.0" encoding="UTF-7"?>',
        '<?xml version="1.0" encoding="UTF-8"?>',
        "Save the document as UTF-8 (and declare it so, or declare nothing).",
        L,
    ),
    CodeInfo(
        "DT007",
        E,
        "Compressed input is not read",
        "A few hundred kilobytes of gzip can expand to gigabytes of XML. dtmarkup never "
        "decompresses its input; a gzip, zip, bzip2, xz, zstd or 7-zip file is refused "
        "from its first bytes.",
        "dtmarkup validate article.xml.gz",
        "gunzip article.xml.gz && dtmarkup validate article.xml",
        "Decompress the file first, with a tool you trust to cap the output size, and "
        "validate the XML inside.",
        L,
    ),
    CodeInfo(
        "DT008",
        E,
        "Character not allowed in XML",
        "XML 1.0 forbids NUL and most control characters, even as character references "
        "(&#0;, &#x1;) or as lone surrogates (&#xD800;). A NUL byte usually means a "
        "binary file or a file in an undeclared UTF-16 or UTF-32 encoding.",
        "<p>Reykjavik\\x00</p>",
        "<p>Reykjavik</p>",
        "Remove the character; if the whole file looks like this, check that it is the "
        "article and that it is saved as UTF-8.",
        L,
    ),
    CodeInfo(
        "DT009",
        E,
        "Elements nested too deeply",
        "Deep nesting is a cheap way to exhaust a parser's stack or a converter's "
        "recursion. Real articles nest fewer than 20 levels; the limit is 256.",
        "<p><em><em><em>... 300 levels ...</em></em></em></p>",
        "<p><em>Reykjavik</em></p>",
        "Flatten the structure: a news article never needs hundreds of nested elements.",
        L,
    ),
    CodeInfo(
        "DT010",
        E,
        "Text, attribute value or name too long",
        "One text node or attribute value may hold at most 10,000,000 characters and a "
        "name at most 50,000: beyond that the input is an attack or a mistake (an "
        "embedded binary file, say), not an article.",
        '<image src="data:image/png;base64,iVBORw0KGgo... 11 MB ..."/>',
        '<image src="https://example.org/photo.jpg" alt="..."/>',
        "Split the text, or link large data (images, media) by URL instead of embedding it.",
        L,
    ),
    CodeInfo(
        "DT011",
        E,
        "Too many attributes on one element",
        "XML sets no limit on attributes, so tens of thousands on one element are "
        "well-formed and cost quadratic time in some tools. dtmarkup elements have a "
        "handful; the limit is 100.",
        '<p a1="1" a2="2" ... a20000="20000">',
        "<p>",
        "Remove the extra attributes.",
        L,
    ),
    CodeInfo(
        "DT012",
        E,
        "Processing instruction not allowed",
        "A processing instruction such as <?xml-stylesheet?> makes browsers and other "
        "tools fetch and run a stylesheet from wherever it points when the document is "
        "opened. dtmarkup has no use for processing instructions; the XML declaration "
        "<?xml ...?> is not one and stays allowed.",
        '<?xml-stylesheet type="text/xsl" href="https://example.org/x.xsl"?>',
        "(no processing instruction; style the output with dtmarkup render --template)",
        "Remove the processing instruction.",
        L,
    ),
    CodeInfo(
        "DT013",
        E,
        "XInclude not allowed",
        "An XInclude element asks the next tool to paste in a local file or a URL "
        "(file:///etc/passwd, say). dtmarkup never follows one, and refuses the document "
        "so that no later tool does either.",
        '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="other.xml"/>',
        "(the included content, written into the document)",
        "Write the content into the document instead of including it.",
        L,
    ),
    CodeInfo(
        "DT014",
        E,
        "Schema location hint not allowed",
        "xsi:schemaLocation and xsi:noNamespaceSchemaLocation ask a validator to load a "
        "schema from a path or URL the document chooses; a validator that follows them "
        "can be made to read local files or check the document against a lax schema. "
        "dtmarkup always validates against its bundled schema and never follows them.",
        '<article xmlns="urn:dtmarkup:1" xmlns:xsi="http://www.w3.org/2001/'
        'XMLSchema-instance" xsi:schemaLocation="urn:dtmarkup:1 dtmarkup-1.xsd" ...>',
        '<article xmlns="urn:dtmarkup:1" ...>',
        "Remove the attribute. To validate in an XML editor, associate the schema in the "
        "editor (dtmarkup schema --path prints where it is).",
        L,
    ),
    CodeInfo(
        "DT015",
        E,
        "Too many elements",
        "Every element costs memory to parse and may cost a finding to report; a few "
        "megabytes of empty tags make millions of both. Real articles have hundreds of "
        "elements; the limit (50,000 per document, counted before parsing; collections are "
        "counted article by article) leaves a wide margin and bounds memory.",
        "<p><em/><em/><em/> ... (a million empty elements)</p>",
        "<p>The text, marked up where it means something.</p>",
        "Remove the empty or repeated elements, split the document, or raise "
        "Limits.max_elements (from dtmarkup import Limits) if the document is genuine.",
        L,
    ),
    CodeInfo(
        "DT016",
        E,
        "Too many children of one element",
        "Every schema error is placed by counting its element's preceding siblings, so "
        "tens of thousands of siblings with an error each cost quadratic time. A real "
        "article's longest run (paragraphs of a body, entities of a registry) is hundreds; "
        "the limit is 10,000.",
        "<body><p class='x'>y</p> ... (20,000 paragraphs)</body>",
        "<body><p>y</p> ... (the article's paragraphs)</body>",
        "Split the document, or raise Limits.max_children (from dtmarkup import Limits) "
        "if it is genuine.",
        L,
    ),
    CodeInfo(
        "DT030",
        E,
        "Not read: not a file in the tree given",
        "A directory walk reads only regular files inside the directory it was given. A "
        "symbolic link found by the walk that points outside that directory (at ~/.netrc "
        "or /proc/self/environ, say), at something that is not a regular file, or at "
        "nothing, is not followed: its target is never opened, so it cannot leak into a "
        "report. A named pipe, socket or device named *.xml is not read either.",
        "docs/story.xml -> /home/ci/.netrc   (a link inside docs/)",
        "docs/story.xml   (the article itself)",
        "Put the article itself in the tree, or name the link's target on the command "
        "line (a path you type is always read), or pass --follow-links if links that "
        "leave the tree are intended.",
        L,
    ),
    CodeInfo(
        "DT031",
        Severity.WARNING,
        "Directory link not followed",
        "A directory walk does not descend into symbolic links to directories: they "
        "could lead out of the tree or round in a loop. Documents behind the link are "
        "not checked through it.",
        "docs/latest -> ../archive/2021",
        "dtmarkup validate docs ../archive/2021",
        "Name the directory the link points to on the command line, or pass "
        "--follow-links to descend into directory links (each directory is walked once).",
        L,
    ),
    CodeInfo(
        "DT032",
        E,
        "No document found",
        "A directory given to validate holds no *.xml file (the match ignores case: "
        "*.XML counts), so nothing was checked. A renamed or emptied folder must not "
        "pass as 'all valid'.",
        "dtmarkup validate articles/   (an empty folder)",
        "dtmarkup validate articles/   (holding story.xml)",
        "Check the path; documents must be named *.xml (any case) and not start with a "
        "dot (hidden files and folders are skipped).",
        L,
    ),
    CodeInfo(
        "DT020",
        E,
        "Output would overwrite an input",
        "Writing a result over the document it was made from destroys the original, and "
        "a half-written file on a crash would leave nothing at all.",
        "dtmarkup convert article.xml --to html -o article.xml",
        "dtmarkup convert article.xml --to html -o article.html",
        "Choose an output path that is not one of the inputs (--force does not change this).",
        L,
    ),
    CodeInfo(
        "DT021",
        E,
        "Output file already exists",
        "An existing file is never replaced by accident.",
        "dtmarkup render article.xml -o page.html   (page.html exists)",
        "dtmarkup render article.xml -o page.html --force",
        "Choose a new path, or pass --force to replace the file (it is replaced "
        "atomically: readers see the old or the new file, never a partial one).",
        L,
    ),
    CodeInfo(
        "DT022",
        E,
        "Output cannot be written",
        "The directory does not exist or is not writable, the path is a directory, or "
        "the disk is full. Nothing was changed: output is written to a temporary file "
        "that replaces the target only when complete.",
        "dtmarkup render article.xml -o /no/such/dir/page.html",
        "dtmarkup render article.xml -o build/page.html",
        "Check that the directory exists and is writable, and that there is space.",
        L,
    ),
    CodeInfo(
        "DT023",
        E,
        "Output is a pipe or device that is not ready",
        "Opening a named pipe (FIFO) for writing waits until something reads it, so a "
        "forgotten FIFO at the output path would hang the command. dtmarkup opens it "
        "without waiting and refuses to write into any pipe or device without --force.",
        "dtmarkup render article.xml -o fifo   (a named pipe nobody reads)",
        "dtmarkup render article.xml -o fifo --force   (a reader is attached)",
        "Write to a regular file, or attach a reader to the pipe and pass --force "
        "(--output for validate).",
        L,
    ),
    CodeInfo(
        "DT024",
        E,
        "Configuration file cannot be used",
        "A dtmarkup.toml or [tool.dtmarkup] table decides what CI checks; one that cannot "
        "be read exactly (bad TOML, unknown key, wrong type, a value out of range, a file "
        "that is too large or not a regular file) is refused rather than half-applied.",
        'jobs = "many"',
        "jobs = 4",
        "Fix the key named in the message (see README.md, Configuration), or run with --no-config.",
        L,
    ),
    CodeInfo(
        "DT025",
        E,
        "Baseline file cannot be used",
        "A baseline hides the findings it lists; one that is missing, not a dtmarkup "
        "baseline, too large, nested too deep or not a regular file is refused rather "
        "than trusted.",
        "dtmarkup validate --baseline /dev/zero articles/",
        "dtmarkup validate --baseline dtmarkup-baseline.json articles/",
        "Write the baseline again with --write-baseline, or point --baseline at it.",
        L,
    ),
)
