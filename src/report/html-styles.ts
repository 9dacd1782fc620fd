/**
 * The report page's whole stylesheet (inlined: the page loads nothing). Light by default, dark
 * from `prefers-color-scheme` unless the reader picked a theme (`data-theme` on <html>).
 * Resource groups use `content-visibility: auto` so a report with thousands of findings paints
 * its first screen without laying out the rest.
 */
export const HTML_STYLES = `
:root{color-scheme:light;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--panel:#f6f8fa;--code:#f6f8fa;
--accent:#0969da;--error:#cf222e;--error-bg:#ffebe9;--warning:#9a6700;--warning-bg:#fff8c5;--info:#0969da;--info-bg:#ddf4ff;
--signoff:#8250df;--signoff-bg:#fbefff;--ok:#1a7f37;--ok-bg:#dafbe1;--mark:#fff1a8;--hit:#fff8dc;--add:#1a7f37;--del:#cf222e}
:root[data-theme=dark]{color-scheme:dark;--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--panel:#151b23;--code:#151b23;
--accent:#4493f8;--error:#ff7b72;--error-bg:#3c1618;--warning:#d29922;--warning-bg:#362b0f;--info:#4493f8;--info-bg:#0c2d6b;
--signoff:#bc8cff;--signoff-bg:#2c1b47;--ok:#3fb950;--ok-bg:#0f2d1a;--mark:#6b5a10;--hit:#22262c;--add:#3fb950;--del:#ff7b72}
@media (prefers-color-scheme:dark){:root:not([data-theme=light]){color-scheme:dark;--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--panel:#151b23;--code:#151b23;
--accent:#4493f8;--error:#ff7b72;--error-bg:#3c1618;--warning:#d29922;--warning-bg:#362b0f;--info:#4493f8;--info-bg:#0c2d6b;
--signoff:#bc8cff;--signoff-bg:#2c1b47;--ok:#3fb950;--ok-bg:#0f2d1a;--mark:#6b5a10;--hit:#22262c;--add:#3fb950;--del:#ff7b72}}
*{box-sizing:border-box}
[hidden]{display:none!important}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
[id]{scroll-margin-top:64px}
html{background:var(--bg);color:var(--fg);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
body{margin:0}
a{color:var(--accent)}
code,pre,kbd{font-family:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
.skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;z-index:9;background:var(--bg);padding:4px 8px}
.wrap{max-width:1100px;margin:0 auto;padding:0 20px}
header.top{border-bottom:1px solid var(--line);background:var(--panel);padding:18px 0 14px}
.brand{display:flex;align-items:baseline;gap:10px;justify-content:space-between}
.brand h1{font-size:18px;margin:0}.brand h1 span{color:var(--muted);font-weight:400;font-size:13px}
.verdict{display:flex;align-items:center;gap:12px;margin:12px 0 10px;padding:10px 14px;border-radius:8px;border:1px solid}
.verdict strong{font-size:17px}
.verdict.pass{background:var(--ok-bg);border-color:var(--ok);color:var(--ok)}
.verdict.block{background:var(--error-bg);border-color:var(--error);color:var(--error)}
.verdict.fail{background:var(--warning-bg);border-color:var(--warning);color:var(--warning)}
.verdict span{color:var(--fg)}
.counts{display:flex;flex-wrap:wrap;gap:8px;margin:0;padding:0;list-style:none}
.counts li{border:1px solid var(--line);border-radius:6px;padding:4px 10px;background:var(--bg)}
.counts b{font-size:16px;margin-right:4px}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:10px 0 0}
.meta dt{color:var(--muted)}.meta dd{margin:0}
.fm{display:inline-block;margin-right:12px}.fm small{color:var(--muted)}
button{font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:3px 10px;cursor:pointer}
button:hover{border-color:var(--muted)}
.js-only{display:none}.js .js-only{display:revert}
nav.filters{position:sticky;top:0;z-index:5;background:var(--bg);border-bottom:1px solid var(--line);padding:8px 0}
nav.filters .wrap{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center}
nav.filters fieldset{border:0;margin:0;padding:0;display:flex;gap:10px;align-items:center}
nav.filters legend{float:left;color:var(--muted);margin-right:6px}
nav.filters input[type=search]{font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:3px 8px;min-width:220px}
nav.filters select{font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:2px 4px;max-width:220px}
#shown{color:var(--muted);margin-left:auto}
main{padding:10px 0 40px}
h2{font-size:17px;margin:26px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3{font-size:15px;margin:18px 0 8px}
h4{font-size:14px;margin:0;font-weight:600}
h2 .n,h3 .n{color:var(--muted);font-weight:400}
.empty{color:var(--muted)}
.card{border:1px solid var(--line);border-left-width:4px;border-radius:6px;padding:10px 14px;margin:10px 0;background:var(--bg)}
.card:target,.card.current{box-shadow:0 0 0 2px var(--accent)}
.sev-error{border-left-color:var(--error)}.sev-warning{border-left-color:var(--warning)}
.sev-info{border-left-color:var(--info)}.sev-signoff{border-left-color:var(--signoff)}.sev-change{border-left-color:var(--muted)}
.approved{border-left-color:var(--ok)}
.head{display:flex;flex-wrap:wrap;gap:8px;align-items:baseline}
.msg{font-weight:600}
.badge{display:inline-block;font-size:11.5px;font-weight:600;text-transform:uppercase;letter-spacing:.03em;border-radius:10px;padding:0 8px;border:1px solid}
.b-error{color:var(--error);background:var(--error-bg)}.b-warning{color:var(--warning);background:var(--warning-bg)}
.b-block{color:var(--bg);background:var(--error);border-color:var(--error)}.b-info{color:var(--info);background:var(--info-bg)}.b-signoff{color:var(--signoff);background:var(--signoff-bg)}
.b-ok{color:var(--ok);background:var(--ok-bg)}.b-change{color:var(--muted)}
.rule{color:var(--muted)}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:3px 14px;margin:8px 0}
.facts dt{color:var(--muted)}.facts dd{margin:0;min-width:0;overflow-wrap:anywhere}
.change{display:flex;flex-wrap:wrap;align-items:center;gap:8px}
.from,.to{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:1px 6px;border-radius:4px;overflow-wrap:anywhere}
.from{background:var(--error-bg);color:var(--del)}
.to{background:var(--ok-bg);color:var(--add);font-weight:600}
.arrow{color:var(--muted)}
.cmd{display:flex;gap:8px;align-items:center;margin:8px 0}
.cmd code{flex:1;background:var(--code);border:1px solid var(--line);border-radius:6px;padding:6px 10px;overflow-x:auto;white-space:pre}
.status{margin:8px 0 0}
.frames{display:grid;gap:8px;margin:8px 0}
figure.frame{margin:0;border:1px solid var(--line);border-radius:6px;overflow:hidden}
figure.frame figcaption{background:var(--panel);padding:3px 10px;border-bottom:1px solid var(--line);font-size:12.5px}
figure.frame .role{color:var(--muted)}
figure.frame pre{margin:0;padding:6px 0;overflow-x:auto;background:var(--code)}
.ln{display:block;padding-right:10px;white-space:pre}
.ln.hit{background:var(--hit)}
.no{display:inline-block;min-width:3.2em;padding:0 10px 0 6px;text-align:right;color:var(--muted);user-select:none;-webkit-user-select:none}
mark{background:var(--mark);color:inherit;border-radius:2px;outline:1px solid var(--warning)}
.remedy{margin:6px 0 0}.remedy b{font-weight:600}
.links{margin:6px 0 0;font-size:13px}
section.formation>h3{position:sticky;top:44px;background:var(--bg);z-index:2;padding:4px 0}
section.resource{border:1px solid var(--line);border-radius:8px;padding:10px 14px;margin:10px 0;background:var(--panel);content-visibility:auto;contain-intrinsic-size:auto 320px}
section.resource:target{box-shadow:0 0 0 2px var(--accent)}
section.resource .where{color:var(--muted);font-size:12.5px}
.pointer{margin:8px 0;padding:6px 10px;border:1px dashed var(--signoff);border-radius:6px}
table.diff{border-collapse:collapse;width:100%;margin:6px 0;font-size:13px}
table.diff th,table.diff td{border:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top}
table.diff th{background:var(--panel);font-weight:600}
table.diff td{overflow-wrap:anywhere}
table.diff td.path{white-space:nowrap}
.k-added{color:var(--add)}.k-removed{color:var(--del)}.k-changed{color:var(--warning)}
.policy dt{font-weight:600}
.policy dd{margin:0 0 10px 0}
footer{border-top:1px solid var(--line);color:var(--muted);padding:14px 0 30px;font-size:13px}
kbd{border:1px solid var(--line);border-bottom-width:2px;border-radius:4px;padding:0 4px;background:var(--panel)}
@media (max-width:700px){.facts,.meta{grid-template-columns:1fr}#shown{margin-left:0}}
@media print{
:root,:root[data-theme=dark]{color-scheme:light;--bg:#fff;--fg:#000;--muted:#444;--line:#bbb;--panel:#fff;--code:#fff;--hit:#f3f3f3;--mark:#ffe98a}
nav.filters,.copy,#theme,.skip,.keys{display:none!important}
section.resource{content-visibility:visible;break-inside:avoid}
.card{break-inside:avoid}
section.formation>h3{position:static}
a{color:inherit;text-decoration:none}
}
`.trim();
