import { Hono } from "hono";

/**
 * The page at `/`: what Tidings is and how to try it from a terminal. The widget demo replaces it
 * once the widget exists (issue 4).
 */
export function homeRoutes(publicUrl: string) {
  const app = new Hono();
  app.get("/", (c) => {
    c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'");
    return c.html(page(publicUrl));
  });
  return app;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function page(publicUrl: string): string {
  const u = esc(publicUrl);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tidings: support desk</title>
<style>
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
  body { max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { margin-bottom: 0; } .tag { color: #555; margin-top: .25rem; }
  pre { background: #f3f4f6; color: #111; padding: .75rem 1rem; border-radius: 6px; overflow-x: auto; font-size: .9rem; }
  @media (prefers-color-scheme: dark) { .tag { color: #aaa; } pre { background: #1f2430; color: #e6e6e6; } }
  a { color: #2563eb; }
</style>
</head>
<body>
<main>
<h1>Tidings</h1>
<p class="tag">An open-source support desk: an embeddable help widget, an SLA clock in business hours, mail threading by ticket ID.</p>
<h2>Try it</h2>
<p>Register a ticket. The answer carries its ticket ID (TID), its SLA level and when the response is due:</p>
<pre>curl -s ${u}/api/v1/tickets -H 'Content-Type: application/json' \\
  -d '{"email":"you@example.com","description":"The shop page shows error 500","steps":"1. Open /shop","edition":"cloud","productVersion":"24.100.0"}'</pre>
<p>With screenshots (PNG, GIF, JPEG; BMP only inside a ZIP):</p>
<pre>curl -s ${u}/api/v1/tickets -F email=you@example.com -F description='Broken layout' -F attachments=@screenshot.png</pre>
<h2>More</h2>
<ul>
  <li><a href="/api/v1/openapi.json">The API description (OpenAPI)</a></li>
  <li><a href="/healthz">Health</a> and <a href="/readyz">readiness</a></li>
</ul>
</main>
</body>
</html>`;
}
