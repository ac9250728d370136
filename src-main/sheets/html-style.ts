/** Inline stylesheet of the HTML sheet: light, printable, no web fonts (the reader's system fonts). */
export const SHEET_CSS = `
:root{--ink:#1d2430;--muted:#5b6575;--line:#d6dbe3;--accent:#2456a6;--soft:#f3f6fa;--warn:#fff6e5;--warnline:#e0a526}
*{box-sizing:border-box}
body{margin:0;background:#e9edf2;color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
main{max-width:860px;margin:24px auto;background:#fff;padding:32px 40px;border-radius:6px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
header{display:flex;justify-content:space-between;gap:24px;border-bottom:3px solid var(--accent);padding-bottom:12px;margin-bottom:8px}
header .vendor{font-weight:700;font-size:20px;color:var(--accent)}
header .meta{text-align:right;color:var(--muted);font-size:13px}
h1{font-size:24px;line-height:1.25;margin:20px 0 12px}
h2{font-size:18px;margin:28px 0 8px;color:var(--accent)}
h3{font-size:15px;margin:0 0 4px}
code,pre{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:13px}
code.v,pre.value{user-select:all;-webkit-user-select:all}
code.v{background:var(--soft);border:1px solid var(--line);border-radius:3px;padding:0 4px;word-break:break-all}
pre.value,pre.cmd{background:var(--soft);border:1px solid var(--line);border-radius:4px;padding:8px 10px;margin:0;white-space:pre-wrap;word-break:break-all}
table{border-collapse:collapse;width:100%}
table.records th,table.records td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
table.records th{font-size:13px;color:var(--muted)}
td.num{text-align:right}
.card{border:1px solid var(--line);border-radius:6px;padding:14px 16px;margin:14px 0;break-inside:avoid}
.card p{margin:0 0 8px;color:var(--muted)}
table.kv th{width:150px;text-align:left;vertical-align:top;font-weight:600;padding:4px 8px 4px 0;font-size:13px}
table.kv td{padding:4px 0}
.st{display:inline-block;white-space:nowrap;border-radius:10px;padding:0 8px;font-size:13px;border:1px solid}
.st-ok{color:#176b35;border-color:#176b35;background:#eaf7ee}
.st-pending{color:#6b5a00;border-color:#b59a00;background:#fffbe0}
.st-warning{color:#8a4b00;border-color:#d98a00;background:#fff3e0}
.st-failing,.st-error{color:#a11b1b;border-color:#c43c3c;background:#fdecec}
.st-unknown{color:var(--muted);border-color:var(--line);background:var(--soft)}
.detail{font-size:13px;margin-top:4px}
.diagram{display:flex;align-items:center;gap:12px;margin:12px 0 16px}
.diagram ul{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:8px}
.diagram li{display:flex;align-items:center;gap:8px}
.node{border:2px solid var(--accent);border-radius:6px;padding:6px 10px;background:#fff}
.node.zone{background:var(--accent);color:#fff;text-align:center}
.node.rec small{color:var(--muted)}
.arrow{color:var(--accent);font-size:20px}
ol.steps li{margin:0 0 10px}
ol.steps dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:6px 0}
ol.steps dt{font-weight:600;font-size:13px}
ol.steps dd{margin:0}
.checks li{margin-bottom:10px}
aside.dont{background:var(--warn);border-left:4px solid var(--warnline);padding:4px 16px 8px;margin:24px 0;border-radius:4px}
aside.dont h2{color:#8a4b00}
@media print{body{background:#fff}main{box-shadow:none;margin:0;max-width:none;padding:0}}
`;
