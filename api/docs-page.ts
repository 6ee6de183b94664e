// A self-contained HTML reference rendered from the OpenAPI document (no CDN: works offline).
type Doc = { paths?: Record<string, Record<string, { summary?: string; tags?: string[]; responses?: Record<string, { description?: string }> }>> };

// A file, not an inline <style>: the page is served under the app's CSP (style-src 'self').
export const DOCS_CSS = `body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1b1f24}
section{border-top:1px solid #ddd;padding:.5rem 0}.m{font:600 12px monospace;padding:2px 6px;border-radius:4px;background:#e8eefc}
.post{background:#e3f5e8}.delete{background:#fde8e8}.put,.patch{background:#fff4dd}
`;

const esc = (s: string) => s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);

export function renderDocsPage(openapi: unknown): string {
  const doc = openapi as Doc;
  const rows = Object.entries(doc.paths ?? {}).flatMap(([p, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const codes = Object.entries(op.responses ?? {})
        .map(([code, r]) => `<li><code>${esc(code)}</code> ${esc(r.description ?? '')}</li>`)
        .join('');
      return `<section><h3><span class="m ${method}">${method.toUpperCase()}</span> <code>/api/v1${esc(p)}</code></h3><p>${esc(op.summary ?? '')}</p><ul>${codes}</ul></section>`;
    }),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Closeloop API</title>
<link rel="stylesheet" href="/api/v1/docs.css"></head>
<body><h1>Closeloop API</h1><p>Machine-readable: <a href="/api/v1/openapi.json">openapi.json</a>.
Errors always look like <code>{"error":{"code","message","details"}}</code>.</p>${rows.join('\n')}</body></html>`;
}
