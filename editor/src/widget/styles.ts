/**
 * The widget's whole stylesheet, scoped by its shadow root. `all: initial` on the host stops the
 * page's inherited fonts, colours and line heights from leaking in; nothing here can leak out.
 * Theming goes through the `--tailor-*` custom properties, which do cross the shadow boundary.
 */
export const STYLES = `
:host{all:initial;display:block;height:600px;
--p:var(--tailor-primary,#4f46e5);--op:var(--tailor-on-primary,#fff);--bg:var(--tailor-background,#fff);
--sf:var(--tailor-surface,#f2f3f7);--tx:var(--tailor-text,#161b26);--mt:var(--tailor-muted,#667085);
--bd:var(--tailor-border,#e4e7ec);--r:var(--tailor-radius,16px);
font:14px/1.55 var(--tailor-font,system-ui,-apple-system,"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans SC",Roboto,sans-serif);
color:var(--tx);-webkit-font-smoothing:antialiased;-webkit-text-size-adjust:100%}
:host([data-appearance=dark]){--bg:var(--tailor-background,#161b24);--sf:var(--tailor-surface,#232a36);
--tx:var(--tailor-text,#e8ebf1);--mt:var(--tailor-muted,#98a2b3);--bd:var(--tailor-border,#323b4b)}
@media (prefers-color-scheme:dark){:host([data-appearance=auto]){--bg:var(--tailor-background,#161b24);
--sf:var(--tailor-surface,#232a36);--tx:var(--tailor-text,#e8ebf1);--mt:var(--tailor-muted,#98a2b3);--bd:var(--tailor-border,#323b4b)}}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
button{font:inherit;color:inherit;cursor:pointer}
:focus-visible{outline:2px solid var(--p);outline-offset:2px}
.head :focus-visible{outline-color:var(--op);outline-offset:0}
.sr{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
:host([mode=bubble]){position:fixed;right:0;bottom:0;width:0;height:0;z-index:var(--tailor-z-index,2147483000)}
.launcher{position:fixed;right:20px;bottom:20px;width:58px;height:58px;border:0;border-radius:50%;background:var(--p);color:var(--op);
display:grid;place-items:center;box-shadow:0 6px 20px rgb(16 24 40/.24),0 2px 6px rgb(16 24 40/.12);transition:transform .18s ease}
.launcher:hover{transform:scale(1.06)}
.launcher:active{transform:scale(.96)}
:host([data-position=bottom-left]) .launcher,:host([data-position=bottom-left]) .panel{right:auto;left:20px}
.panel{display:flex;flex-direction:column;height:100%;background:var(--bg);border:1px solid var(--bd);border-radius:var(--r);overflow:hidden}
:host([mode=bubble]) .panel{position:fixed;right:20px;bottom:90px;width:min(400px,calc(100vw - 32px));height:min(640px,calc(100vh - 120px));
box-shadow:0 20px 50px rgb(16 24 40/.2),0 4px 12px rgb(16 24 40/.08);transform-origin:100% 100%;transition:opacity .2s ease,transform .2s ease,visibility 0s}
:host([mode=bubble]:not([data-open])) .panel{opacity:0;visibility:hidden;transform:translateY(12px) scale(.97);transition:opacity .2s ease,transform .2s ease,visibility 0s .2s}
:host([data-position=bottom-left]) .panel{transform-origin:0 100%}
.head{display:flex;align-items:center;gap:11px;padding:14px 12px 14px 16px;background:var(--p);color:var(--op)}
.avatar{flex:none;width:38px;height:38px;border-radius:50%;display:grid;place-items:center;overflow:hidden;font-weight:600;font-size:16px;
background:rgb(255 255 255/.2);box-shadow:inset 0 0 0 1px rgb(255 255 255/.25)}
.avatar img{width:100%;height:100%;object-fit:cover}
.who{flex:1;min-width:0}
.title{margin:0;font-size:15.5px;font-weight:600;line-height:1.3;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.status{display:flex;align-items:center;gap:6px;font-size:12px;opacity:.88}
.status::before{content:"";width:7px;height:7px;border-radius:50%;background:#4ade80;box-shadow:0 0 0 2px rgb(255 255 255/.25)}
.status[data-kind=retrying]::before,.status[data-kind=offline]::before{background:#fbbf24}
.status[data-kind=unknown]{display:none}
.icon{flex:none;width:34px;height:34px;border:0;border-radius:9px;background:transparent;display:grid;place-items:center;opacity:.9}
.icon:hover{background:rgb(255 255 255/.16);opacity:1}
.log{flex:1;overflow-y:auto;padding:18px 16px 8px;display:flex;flex-direction:column;gap:12px;overscroll-behavior:contain}
.msg{max-width:86%;padding:9px 13px;border-radius:16px;overflow-wrap:anywhere}
.msg.enter{animation:in .18s ease}
@keyframes in{from{opacity:0;transform:translateY(4px)}}
.msg[data-role=user]{align-self:flex-end;background:var(--p);color:var(--op);border-bottom-right-radius:5px;white-space:pre-wrap}
.msg[data-role=assistant]{align-self:flex-start;background:var(--sf);border-bottom-left-radius:5px}
.body>:first-child{margin-top:0}.body>:last-child{margin-bottom:0}
.body p,.body ul,.body ol,.body pre,.body blockquote,.body .table{margin:.5em 0}
.body ul,.body ol{padding-left:1.3em}
.body li+li{margin-top:.2em}
.body h3,.body h4,.body h5{margin:.7em 0 .3em;font-size:1.05em;line-height:1.35}
.body h3{font-size:1.15em}
.body a{color:var(--p);text-underline-offset:2px}
.msg[data-role=user] a{color:inherit}
.body code{font:.9em/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:color-mix(in srgb,var(--tx) 9%,transparent);padding:.1em .35em;border-radius:5px}
.body pre{background:#101828;color:#e4e7ec;padding:10px 12px;border-radius:10px;overflow-x:auto}
.body pre code{background:none;padding:0;color:inherit}
.body blockquote{padding-left:10px;border-left:3px solid var(--bd);color:var(--mt)}
.body hr{border:0;border-top:1px solid var(--bd);margin:.8em 0}
.body .table{overflow-x:auto}
.body table{border-collapse:collapse;font-size:.93em}
.body th,.body td{border:1px solid var(--bd);padding:4px 8px;text-align:left}
.body th{background:color-mix(in srgb,var(--tx) 5%,transparent)}
.dots{display:inline-flex;gap:4px;padding:6px 2px}
.dots i{width:7px;height:7px;border-radius:50%;background:var(--mt);opacity:.35;animation:dot 1.2s infinite ease-in-out}
.dots i:nth-child(2){animation-delay:.15s}.dots i:nth-child(3){animation-delay:.3s}
@keyframes dot{30%{opacity:1;transform:translateY(-3px)}}
.sources{display:flex;flex-wrap:wrap;align-items:center;gap:6px;margin-top:9px;padding-top:8px;border-top:1px solid var(--bd);font-size:12px}
.sources span{color:var(--mt);margin-right:2px}
.chip{max-width:100%;padding:2px 10px;border:1px solid var(--bd);border-radius:999px;background:var(--bg);color:var(--tx);
text-decoration:none;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
a.chip:hover{border-color:var(--p);color:var(--p)}
.note{display:flex;flex-wrap:wrap;align-items:center;gap:4px 10px;margin-top:6px;font-size:13px;color:#b42318}
.note[data-kind=stopped]{color:var(--mt)}
.link{border:0;background:none;padding:0;color:var(--p);font-weight:600;text-decoration:underline;text-underline-offset:2px}
.suggest{display:flex;flex-wrap:wrap;gap:8px;margin-top:2px}
.suggest button{padding:7px 12px;border:1px solid var(--bd);border-color:color-mix(in srgb,var(--p) 35%,var(--bd));border-radius:999px;
background:var(--bg);color:var(--p);text-align:left;line-height:1.35;transition:background .15s}
.suggest button:hover{background:color-mix(in srgb,var(--p) 8%,var(--bg))}
.banner{display:flex;align-items:center;justify-content:space-between;gap:10px;margin:4px 12px 0;padding:8px 12px;border-radius:10px;
background:#fffaeb;color:#93370d;font-size:13px;border:1px solid #fedf89}
.composer{display:flex;align-items:flex-end;gap:8px;padding:10px 12px 8px}
.field{flex:1;display:flex;border:1px solid var(--bd);border-radius:14px;background:var(--bg);transition:border-color .15s,box-shadow .15s}
.field:focus-within{border-color:var(--p);box-shadow:0 0 0 3px color-mix(in srgb,var(--p) 18%,transparent)}
textarea{flex:1;min-height:42px;max-height:132px;padding:10px 13px;border:0;outline:0;resize:none;background:transparent;color:inherit;font:inherit;line-height:1.45}
textarea::placeholder{color:var(--mt)}
textarea:focus-visible{outline:0}
.send{flex:none;width:42px;height:42px;border:0;border-radius:13px;background:var(--p);color:var(--op);display:grid;place-items:center;transition:opacity .15s,transform .15s}
.send:disabled{opacity:.4;cursor:default}
.send:not(:disabled):active{transform:scale(.94)}
.foot{padding:0 12px 9px;text-align:center;font-size:11px;color:var(--mt)}
@media (max-width:480px){
:host([mode=bubble]) .panel{inset:0;width:auto;height:auto;border:0;border-radius:0}
:host([mode=bubble][data-open]) .launcher{display:none}
textarea{font-size:16px}
.msg{max-width:92%}}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}
`;
