// The checking page: sends the article to the API, lists the findings, marks them at
// their lines in the source, and shows the rendered article. Every piece of text from
// the article or the report is set with textContent: nothing is parsed as HTML except
// the renderer's own output, which is parsed inert and then adopted.
"use strict";

const byId = (id) => document.getElementById(id);
let uploaded = null; // {bytes, text} of the chosen file, sent as is while unedited

function setStatus(text) {
  byId("status").textContent = text;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function mediaType(text) {
  return /^\s*[{[]/.test(text) ? "application/json" : "application/xml";
}

function body() {
  const text = byId("source").value;
  if (uploaded && uploaded.text === text) return { data: uploaded.bytes, text };
  return { data: text, text };
}

function showSource(text, diagnostics) {
  const list = byId("lines");
  list.replaceChildren();
  const byLine = new Map();
  for (const d of diagnostics) {
    if (!d.line) continue;
    if (!byLine.has(d.line)) byLine.set(d.line, []);
    byLine.get(d.line).push(d);
  }
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    const number = index + 1;
    const item = element("li", "line");
    item.id = "L" + number;
    item.append(element("code", "", line.length ? line : " "));
    const found = byLine.get(number);
    if (found) {
      const worst = found.some((d) => d.severity === "error") ? "error" : "warning";
      item.classList.add("flagged", worst);
      const marks = element("span", "marks");
      for (const d of found) {
        const link = element("a", "mark", d.code);
        link.href = "/rules#" + encodeURIComponent(d.code);
        link.title = d.message;
        marks.append(link);
      }
      item.append(marks);
    }
    list.append(item);
  });
}

function showFindings(report) {
  const list = byId("findings");
  list.replaceChildren();
  const files = report.files || [];
  const diagnostics = files.flatMap((f) => f.diagnostics || []);
  const s = report.summary || {};
  byId("summary").textContent =
    (s.invalid ? "Not valid: " : "Valid: ") +
    `${s.errors || 0} error(s), ${s.warnings || 0} warning(s).`;
  for (const d of diagnostics) {
    const item = element("li", "finding " + d.severity);
    item.dataset.line = d.line || "";
    const code = element("a", "code", d.code);
    code.href = "/rules#" + encodeURIComponent(d.code);
    item.append(code, " ");
    if (d.line) {
      const where = element("a", "where", `line ${d.line}` + (d.column ? `:${d.column}` : ""));
      where.href = "#L" + d.line;
      item.append(where, " ");
    }
    item.append(element("span", "severity", d.severity), " ", element("span", "message", d.message));
    if (d.hint) item.append(element("p", "hint", d.hint));
    list.append(item);
  }
  return diagnostics;
}

async function showRendering(data, type) {
  const preview = byId("preview");
  const response = await fetch("/v1/render?format=html&fragment=true", {
    method: "POST",
    headers: { "Content-Type": type },
    body: data,
  });
  if (!response.ok) {
    preview.replaceChildren(element("p", "note", "Not rendered: the article has errors."));
    return;
  }
  const parsed = new DOMParser().parseFromString(await response.text(), "text/html");
  for (const script of parsed.querySelectorAll("script, iframe, object, embed")) script.remove();
  preview.replaceChildren(...Array.from(parsed.body.childNodes, (n) => document.adoptNode(n)));
}

async function check(event) {
  event.preventDefault();
  const { data, text } = body();
  const type = mediaType(text);
  setStatus("Checking…");
  let response;
  try {
    response = await fetch("/v1/validate", {
      method: "POST",
      headers: { "Content-Type": type },
      body: data,
    });
  } catch (error) {
    setStatus("The service cannot be reached.");
    return;
  }
  const answer = await response.json().catch(() => ({}));
  if (response.status !== 200 && response.status !== 422 && response.status !== 413) {
    setStatus(`Not checked (${response.status}): ${answer.message || "no details"}`);
    return;
  }
  const diagnostics = showFindings(answer);
  showSource(text, diagnostics);
  setStatus(`Checked (${response.status}).`);
  document.body.dataset.checked = String(response.status);
  if (response.status === 200) await showRendering(data, type);
  document.body.dataset.state = "done";
}

async function choose() {
  const file = byId("file").files[0];
  if (!file) return;
  const bytes = await file.arrayBuffer();
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  uploaded = { bytes, text };
  byId("source").value = text;
}

document.addEventListener("DOMContentLoaded", () => {
  byId("form").addEventListener("submit", check);
  byId("file").addEventListener("change", choose);
});
