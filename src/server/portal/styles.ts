/**
 * The portal's one stylesheet, inlined in every page (small enough that a separate request would cost
 * more). Mobile first; colours meet WCAG 2.1 AA contrast on white (#1a1b1e text, #0b4f8a links, 4.5:1+).
 */
export const PORTAL_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;font-size:1rem;line-height:1.55;color:#1a1b1e;background:#fff}
a{color:#0b4f8a;text-underline-offset:.15em}
a:hover{color:#062f54}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem}
.wrap{max-width:62rem;margin:0 auto;padding:0 1rem}
header.site{background:#0b3d6b;color:#fff}
header.site .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem 1.5rem;padding-top:.6rem;padding-bottom:.6rem}
header.site .brand{color:#fff;font-weight:700;font-size:1.1rem;text-decoration:none}
header.site nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.1rem 1rem}
header.site nav a{color:#fff;display:inline-block;padding:.35rem 0}
header.site nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
main{padding:1rem 0 2rem}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:1.75rem 0 .75rem}
h3{font-size:1.05rem;margin:1.25rem 0 .5rem}
.crumbs ol{list-style:none;margin:.75rem 0 0;padding:0;display:flex;flex-wrap:wrap;font-size:.9rem}
.crumbs li+li::before{content:"›";padding:0 .4rem;color:#495057}
.muted{color:#495057}
.small{font-size:.9rem}
.cards{list-style:none;padding:0;margin:0;display:grid;gap:.75rem}
.card{border:1px solid #ced4da;border-radius:6px;padding:.75rem 1rem}
.card h3,.card h2{margin-top:0}
.bar{height:.6rem;background:#e9ecef;border-radius:3px;overflow:hidden;margin:.35rem 0}
.bar span{display:block;height:100%;background:#2b8a3e}
.tag{display:inline-block;padding:0 .45rem;border-radius:3px;font-size:.85rem;border:1px solid currentColor}
.st-done{color:#1e6b30}.st-late{color:#a61e1e}.st-progress{color:#0b4f8a}.st-none{color:#495057}
table{border-collapse:collapse;width:100%;font-size:.95rem}
.table{overflow-x:auto}
th,td{border:1px solid #ced4da;padding:.4rem .5rem;text-align:left;vertical-align:top}
th{background:#f1f3f5}
form.search{display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0}
form.search input{flex:1 1 14rem;min-width:0;padding:.5rem;font:inherit;border:1px solid #6c757d;border-radius:4px}
button,.button{font:inherit;padding:.5rem 1rem;border:0;border-radius:4px;background:#0b4f8a;color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
button:hover,.button:hover{background:#062f54;color:#fff}
label{font-weight:600}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}
dl.facts dt{font-weight:600}dl.facts dd{margin:0}
ul.tasks{list-style:none;padding:0;margin:0}ul.tasks li{padding:.5rem 0;border-bottom:1px solid #dee2e6}
ol.timeline{padding-left:1.25rem}
ol.timeline li{margin-bottom:.5rem}
footer.site{border-top:1px solid #ced4da;padding:1rem 0 2rem;font-size:.9rem;color:#495057}
@media (min-width:48rem){.cards.two{grid-template-columns:1fr 1fr}h1{font-size:1.75rem}}
`.replace(/\n/g, '');
