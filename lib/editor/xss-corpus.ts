/**
 * The cross-site scripting corpus (security.md: "XSS corpus through every input path (typed,
 * pasted, JSON, Yjs update), asserting no executable scheme or handler survives in rendered
 * HTML"), and the checks that say whether anything executable survived. Each payload arrives the
 * way an attacker would send it: as HTML pasted into the editor, as editor JSON posted directly,
 * or as a raw Yjs update written with the yjs API (what a hostile collaboration client sends,
 * which is also the path typed content takes).
 *
 * The visible text of every payload is neutral ("click", "payload"): no scheme, no handler. So
 * a check may search a whole output (HTML, .docx XML, PDF text) for `javascript:` and friends,
 * and a hit is always a surviving payload, never the text of the document. Payloads that put a
 * handler *inside* text (a mention label, alt text) do so only to prove it is escaped; the HTML
 * check therefore parses attributes rather than searching for `on…=`.
 *
 * For tests only: nothing in the application imports this file.
 */
import * as Y from "yjs";
import type { JSONContent } from "@tiptap/core";
import { documentSchema } from "./document-schema";
import { isSafeImageSrc, isSafeLinkUrl } from "./safe-urls";

/** An image Accord would serve (the only kind of source a document may hold). */
export const SAFE_IMAGE_SRC = "/api/v1/files/0b7c5a1e-3f2d-4c6b-9a8e-1d2c3b4a5f60/content";

/** Links a document may hold, each of which must survive every path. */
export const SAFE_LINKS = ["https://www.gov.uk/government/publications/government-security-classifications?x=1&y=2", "mailto:mash@cornwall.example", "tel:+441872000000"] as const;

/** URLs that must never survive as a link or an image source. */
export const UNSAFE_URLS = [
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "java\tscript:alert(1)",
  "java\nscript:alert(1)",
  " javascript:alert(1)",
  "\u0001javascript:alert(1)",
  "javascript:/*https://x*/alert(1)",
  "vbscript:msgbox(1)",
  "VBScript:msgbox(1)",
  "livescript:alert(1)",
  "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
  "data:text/html,<script>alert(1)</script>",
  "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+",
  "file:///etc/passwd",
  "//evil.example/payload",
  "http://evil.example/payload",
  "https:javascript:alert(1)",
] as const;

/** One payload as pasted HTML. */
export type HtmlCase = { name: string; html: string };

const unsafeLinkHtml: HtmlCase[] = UNSAFE_URLS.map((url) => ({ name: `link to ${JSON.stringify(url)}`, html: `<p><a href="${url.replace(/"/g, "&quot;")}">click</a></p>` }));

/** Payloads pasted into the editor as HTML. */
export const HTML_CASES: HtmlCase[] = [
  ...unsafeLinkHtml,
  { name: "entity-encoded javascript: (decimal)", html: `<p><a href="&#106;avascript:alert(1)">click</a></p>` },
  { name: "entity-encoded javascript: (hex, no semicolons)", html: `<p><a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)">click</a></p>` },
  { name: "entity tab inside the scheme", html: `<p><a href="jav&#x09;ascript:alert(1)">click</a></p>` },
  { name: "&colon; entity", html: `<p><a href="javascript&colon;alert(1)">click</a></p>` },
  { name: "leading space before javascript:", html: `<p><a href=" javascript:alert(1)">click</a></p>` },
  { name: "img onerror", html: `<p>payload</p><img src=x onerror=alert(1)>` },
  { name: "img with a javascript: src", html: `<img src="javascript:alert(1)">` },
  { name: "img with a data: src", html: `<img src="data:image/png;base64,iVBORw0KGgo=">` },
  { name: "img from another site", html: `<img src="https://evil.example/pixel.png" alt="tracking">` },
  { name: "Accord img with an onerror", html: `<img src="${SAFE_IMAGE_SRC}" onerror="alert(1)" onload="alert(1)">` },
  { name: "svg onload", html: `<svg onload=alert(1)><circle r="1"/></svg><p>payload</p>` },
  { name: "svg link", html: `<svg><a xlink:href="javascript:alert(1)"><text>click</text></a></svg>` },
  { name: "iframe", html: `<iframe src="javascript:alert(1)"></iframe><iframe srcdoc="<script>alert(1)</script>"></iframe>` },
  { name: "script", html: `<script>alert(1)</script><p>payload</p>` },
  { name: "object and embed", html: `<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">` },
  { name: "style with a javascript: url", html: `<p style="background:url(javascript:alert(1))">payload</p>` },
  { name: "style element", html: `<style>body{background:url(javascript:alert(1))}</style><p>payload</p>` },
  { name: "onclick on a paragraph", html: `<p onclick="alert(1)" onmouseover="alert(1)">payload</p>` },
  { name: "handler on a heading", html: `<h2 onclick="alert(1)" class="evil" id="x">payload</h2>` },
  { name: "safe link with a handler and a target", html: `<p><a href="https://ok.example/" onclick="alert(1)" target="_blank" class="evil" style="color:red">click</a></p>` },
  { name: "link wrapping an img onerror", html: `<p><a href="javascript:alert(1)"><img src=x onerror=alert(1)>click</a></p>` },
  { name: "form and inputs", html: `<form action="javascript:alert(1)"><input type="text" onfocus="alert(1)" autofocus><button formaction="javascript:alert(1)">click</button></form>` },
  { name: "mXSS: math and style", html: `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>` },
  { name: "mXSS: noscript title", html: `<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>` },
  { name: "template", html: `<template><script>alert(1)</script></template><p>payload</p>` },
  { name: "base, meta refresh and link", html: `<base href="javascript:alert(1)//"><meta http-equiv="refresh" content="0;url=javascript:alert(1)"><link rel="stylesheet" href="javascript:alert(1)">` },
  { name: "mention with a hostile label", html: `<p><span data-type="mention" data-id="x&quot; onclick=&quot;alert(1)" data-label="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">@x</span></p>` },
  { name: "table cell with a hostile colspan and handler", html: `<table><tr><td colspan="2 onmouseover=alert(1)" onclick="alert(1)" style="background:url(javascript:alert(1))"><p>cell</p></td></tr></table>` },
  { name: "task item with a handler", html: `<ul data-type="taskList"><li data-type="taskItem" data-checked="true" onclick="alert(1)"><p>task</p></li></ul>` },
  { name: "unknown elements", html: `<marquee onstart="alert(1)">payload</marquee><details open ontoggle="alert(1)"><summary>click</summary></details>` },
  { name: "image alt breaking out of its attribute", html: `<img src="${SAFE_IMAGE_SRC}" alt="x&quot; onerror=&quot;alert(1)">` },
];

/** One payload as editor JSON posted directly. */
export type JsonCase = { name: string; json: JSONContent };

const text = (value: string, marks?: JSONContent["marks"]): JSONContent => (marks ? { type: "text", text: value, marks } : { type: "text", text: value });
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });
const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });

/** Payloads written as editor JSON, bypassing the editor's own parsing. */
export const JSON_CASES: JsonCase[] = [
  ...UNSAFE_URLS.map((url) => ({ name: `link mark to ${JSON.stringify(url)}`, json: doc(paragraph(text("click", [{ type: "link", attrs: { href: url } }]))) })),
  { name: "safe link mark with extra attributes", json: doc(paragraph(text("click", [{ type: "link", attrs: { href: "https://ok.example/", onclick: "alert(1)", class: "evil", target: "_blank", style: "x" } }]))) },
  { name: "link mark whose href is an object", json: doc(paragraph(text("click", [{ type: "link", attrs: { href: { toString: "javascript:alert(1)" } } }]))) },
  { name: "unknown node types", json: doc({ type: "script", content: [text("alert(1)")] }, { type: "iframe", attrs: { src: "javascript:alert(1)" } }, { type: "html", attrs: { html: "<script>alert(1)</script>" } }, paragraph(text("payload"))) },
  { name: "unknown mark types", json: doc(paragraph(text("payload", [{ type: "script" }, { type: "style", attrs: { style: "background:url(javascript:alert(1))" } }]))) },
  { name: "undeclared attributes on a paragraph", json: doc({ type: "paragraph", attrs: { onclick: "alert(1)", style: "background:url(javascript:alert(1))", class: "evil" }, content: [text("payload")] }) },
  { name: "image sources", json: doc(...UNSAFE_URLS.map((url) => ({ type: "image", attrs: { src: url, alt: "payload" } })), { type: "image", attrs: { src: SAFE_IMAGE_SRC, onerror: "alert(1)" } }) },
  { name: "heading level injection", json: doc({ type: "heading", attrs: { level: '2 onclick="alert(1)"' }, content: [text("payload")] }, { type: "heading", attrs: { level: 1 }, content: [text("payload")] }, { type: "heading", attrs: { level: 7 }, content: [text("payload")] }) },
  { name: "ordered list start injection", json: doc({ type: "orderedList", attrs: { start: '1" onclick="alert(1)', type: "x onclick" }, content: [{ type: "listItem", content: [paragraph(text("payload"))] }] }) },
  {
    name: "table cell span injection",
    json: doc({ type: "table", content: [{ type: "tableRow", content: [{ type: "tableCell", attrs: { colspan: "2 onmouseover=alert(1)", rowspan: { x: 1 }, align: "center;background:url(javascript:alert(1))" }, content: [paragraph(text("cell"))] }] }] }),
  },
  { name: "mention label and id injection", json: doc(paragraph({ type: "mention", attrs: { id: '" onclick="alert(1)', label: '"><img src=x onerror=alert(1)><script>alert(1)</script>' } })) },
  { name: "task item checked injection", json: doc({ type: "taskList", content: [{ type: "taskItem", attrs: { checked: '" onclick="alert(1)' }, content: [paragraph(text("task"))] }] }) },
  { name: "nested doc, text without text, prototype names", json: doc({ type: "doc", content: [paragraph(text("nested"))] }, { type: "text" }, { type: "__proto__" }, { type: "constructor" }, { type: "toString" }, paragraph(text("payload"))) },
  { name: "control characters in text", json: doc(paragraph(text("pay\u0000lo\u0008ad\u001b"))) },
  {
    name: "nesting ten thousand deep",
    json: doc(Array.from({ length: 10_000 }).reduce<JSONContent>((inner) => ({ type: "blockquote", content: [inner] }), paragraph(text("payload")))),
  },
];

/** One payload as a raw Yjs update, built on the document's XML fragment with the yjs API. */
export type YjsCase = { name: string; build: (fragment: Y.XmlFragment) => void };

/** Appends a paragraph holding `content` (formatted with `format`, as a client would send marks) and returns its text. */
export function yParagraph(fragment: Y.XmlFragment | Y.XmlElement, content: string, format?: Record<string, unknown>): Y.XmlText {
  const element = new Y.XmlElement("paragraph");
  const yText = new Y.XmlText();
  fragment.push([element]);
  element.push([yText]);
  yText.insert(0, content, format);
  return yText;
}

/** Payloads a hostile collaboration client writes straight into the Yjs document. */
export const YJS_CASES: YjsCase[] = [
  ...UNSAFE_URLS.map((url) => ({ name: `link attribute to ${JSON.stringify(url)}`, build: (f: Y.XmlFragment) => void yParagraph(f, "click", { link: { href: url } }) })),
  { name: "link value that is a string, not attributes", build: (f) => void yParagraph(f, "click", { link: "javascript:alert(1)" }) },
  { name: "safe link with undeclared attributes", build: (f) => void yParagraph(f, "click", { link: { href: "https://ok.example/", onclick: "alert(1)", style: "x" } }) },
  { name: "hashed mark name y-prosemirror reads as a link", build: (f) => void yParagraph(f, "click", { "link--AAAAAAAA": { href: "javascript:alert(1)" } }) },
  { name: "unknown mark", build: (f) => void yParagraph(f, "payload", { script: { src: "javascript:alert(1)" }, style: "background:url(javascript:alert(1))" }) },
  {
    name: "elements named script and iframe",
    build: (f) => {
      const script = new Y.XmlElement("script");
      const iframe = new Y.XmlElement("iframe");
      f.push([script, iframe]);
      script.push([new Y.XmlText("alert(1)")]);
      iframe.setAttribute("src", "javascript:alert(1)");
      yParagraph(f, "payload");
    },
  },
  {
    name: "onclick and style on a paragraph element",
    build: (f) => {
      const element = new Y.XmlElement("paragraph");
      f.push([element]);
      element.setAttribute("onclick", "alert(1)");
      element.setAttribute("style", "background:url(javascript:alert(1))");
      element.push([new Y.XmlText("payload")]);
    },
  },
  {
    name: "image sources",
    build: (f) => {
      for (const src of [...UNSAFE_URLS, { object: true }]) {
        const image = new Y.XmlElement("image");
        f.push([image]);
        image.setAttribute("src", src as string);
        image.setAttribute("onerror", "alert(1)");
      }
    },
  },
  {
    name: "elements named after text and doc",
    build: (f) => {
      const fake = new Y.XmlElement("text");
      const nested = new Y.XmlElement("doc");
      f.push([fake, nested]);
      nested.push([new Y.XmlElement("paragraph")]);
      yParagraph(f, "payload");
    },
  },
  {
    name: "embeds inside text",
    build: (f) => {
      const yText = yParagraph(f, "payload");
      yText.insertEmbed(0, { script: "alert(1)" });
      yText.insertEmbed(3, new Y.XmlElement("iframe"));
    },
  },
  // Not a node the yjs types allow in a fragment, but a client can encode one.
  { name: "an XmlHook in the fragment", build: (f) => f.push([new Y.XmlHook("script") as unknown as Y.XmlElement]) },
  {
    name: "mention with a hostile label and an object attribute",
    build: (f) => {
      const element = new Y.XmlElement("paragraph");
      const mention = new Y.XmlElement("mention");
      f.push([element]);
      element.push([mention]);
      mention.setAttribute("id", '" onclick="alert(1)');
      mention.setAttribute("label", '"><img src=x onerror=alert(1)>');
      mention.setAttribute("mentionSuggestionChar", { toString: "x" } as unknown as string);
    },
  },
  {
    name: "heading with an injected level and a table cell with an injected span",
    build: (f) => {
      const heading = new Y.XmlElement("heading");
      f.push([heading]);
      heading.setAttribute("level", '2 onclick="alert(1)"');
      heading.push([new Y.XmlText("payload")]);
      const table = new Y.XmlElement("table");
      const row = new Y.XmlElement("tableRow");
      const cell = new Y.XmlElement("tableCell");
      f.push([table]);
      table.push([row]);
      row.push([cell]);
      cell.setAttribute("colspan", "2 onmouseover=alert(1)" as unknown as string);
      yParagraph(cell, "cell");
    },
  },
  {
    name: "nesting two hundred deep",
    build: (f) => {
      let parent: Y.XmlFragment | Y.XmlElement = f;
      for (let i = 0; i < 200; i++) {
        const quote: Y.XmlElement = new Y.XmlElement("blockquote");
        parent.push([quote]);
        parent = quote;
      }
      yParagraph(parent, "payload");
    },
  },
];

/** A Yjs update holding what `build` writes into the fragment "default". */
export function yjsUpdate(build: (fragment: Y.XmlFragment) => void): Uint8Array {
  const ydoc = new Y.Doc();
  build(ydoc.getXmlFragment("default"));
  const update = Y.encodeStateAsUpdate(ydoc);
  ydoc.destroy();
  return update;
}

/** Safe content that must come through every path intact: so that no check passes by an empty output. */
export const SAFE_HTML = `<h2>Strategy heading</h2>
<p>See <a href="${SAFE_LINKS[0].replace(/&/g, "&amp;")}">the policy</a>, write to <a href="${SAFE_LINKS[1]}">the hub</a> or call <a href="${SAFE_LINKS[2]}">the desk</a>.</p>
<table><tr><th><p>Agency</p></th><th><p>Contact</p></th></tr><tr><td><p>Cornwall Council</p></td><td><p>Duty desk</p></td></tr></table>
<img src="${SAFE_IMAGE_SRC}" alt="Scene photograph">`;

// A scheme that runs script or carries a document of its own (data: with a media type or a bare comma).
const EXECUTABLE_SCHEME = /(?:java|vb|live)script\s*:|\bdata:[\w/+.-]*[,;]/i;
const DANGEROUS_TAGS = ["script", "iframe", "frame", "svg", "math", "object", "embed", "style", "link", "meta", "base", "form", "template", "noscript", "marquee"];

/** What survived that must not have, in sanitized HTML: dangerous elements, handlers, styles, unsafe URLs. */
export function executableInHtml(html: string, parse: (html: string) => { tag: string; attribs: Record<string, string> }[]): string[] {
  const findings: string[] = [];
  if (EXECUTABLE_SCHEME.test(html)) findings.push(`executable scheme in ${JSON.stringify(html.match(EXECUTABLE_SCHEME)![0])}`);
  for (const tag of DANGEROUS_TAGS) if (new RegExp(`<${tag}[\\s>/]`, "i").test(html)) findings.push(`<${tag}> element`);
  if (/\sstyle\s*=/i.test(html.replace(/"[^"]*"/g, '""'))) findings.push("style attribute");
  for (const { tag, attribs } of parse(html)) {
    if (DANGEROUS_TAGS.includes(tag)) findings.push(`<${tag}> element`);
    for (const [name, value] of Object.entries(attribs)) {
      if (/^on/i.test(name)) findings.push(`${name} handler on <${tag}>`);
      if (name === "style" || name === "srcdoc" || name === "formaction" || name === "action") findings.push(`${name} on <${tag}>`);
      if (name === "href" && !isSafeLinkUrl(value)) findings.push(`unsafe href ${JSON.stringify(value)}`);
      if (name === "src" && !isSafeImageSrc(value)) findings.push(`unsafe src ${JSON.stringify(value)}`);
      if (name === "class" && value !== "mention") findings.push(`class ${JSON.stringify(value)}`);
      if (EXECUTABLE_SCHEME.test(value)) findings.push(`executable scheme in ${name}`);
    }
    if (tag === "a" && attribs.href !== undefined && attribs.rel !== "noopener noreferrer nofollow") findings.push(`link without rel: ${attribs.href}`);
  }
  return findings;
}

/** What survived that must not have, in any other output (XML parts, PDF text and URIs): an executable scheme or markup. */
export function executableInText(output: string): string[] {
  const findings: string[] = [];
  if (EXECUTABLE_SCHEME.test(output)) findings.push(`executable scheme in ${JSON.stringify(output.match(EXECUTABLE_SCHEME)![0])}`);
  for (const tag of DANGEROUS_TAGS) if (new RegExp(`<${tag}[\\s>/]`, "i").test(output)) findings.push(`<${tag}> element`);
  return findings;
}

/** What editor JSON holds that the schema does not allow: unknown types, undeclared attributes, unsafe links and sources. */
export function unsafeInJson(json: unknown): string[] {
  const schema = documentSchema();
  const findings: string[] = [];
  const visit = (node: JSONContent, depth: number) => {
    const type = node.type ?? "";
    const nodeType = Object.hasOwn(schema.nodes, type) ? schema.nodes[type] : undefined;
    if (!nodeType || (type === "doc" && depth > 0)) findings.push(`node type ${JSON.stringify(type)}`);
    for (const name of Object.keys(node.attrs ?? {})) if (!nodeType || !Object.hasOwn(nodeType.spec.attrs ?? {}, name)) findings.push(`attribute ${name} on ${type}`);
    if (type === "image" && node.attrs?.src != null && !isSafeImageSrc(node.attrs.src)) findings.push(`image src ${JSON.stringify(node.attrs.src)}`);
    if (type === "text" && typeof node.text !== "string") findings.push("text without text");
    for (const mark of node.marks ?? []) {
      const markType = Object.hasOwn(schema.marks, mark.type) ? schema.marks[mark.type] : undefined;
      if (!markType) findings.push(`mark ${JSON.stringify(mark.type)}`);
      for (const name of Object.keys(mark.attrs ?? {})) if (!markType || !Object.hasOwn(markType.spec.attrs ?? {}, name)) findings.push(`attribute ${name} on mark ${mark.type}`);
      if (mark.type === "link" && !isSafeLinkUrl(mark.attrs?.href)) findings.push(`link ${JSON.stringify(mark.attrs?.href)}`);
    }
    for (const child of node.content ?? []) visit(child, depth + 1);
  };
  visit(json as JSONContent, 0);
  return findings;
}
