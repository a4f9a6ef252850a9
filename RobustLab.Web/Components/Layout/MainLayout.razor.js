// Display settings of this browser (dark palette, presenter mode), kept in localStorage. Presenter mode is a class on
// <html>: rem-based sizes of both component libraries grow with the root font size (app.css).
const key = 'robustlab.display';

export function load() {
    let settings = {};
    try { settings = JSON.parse(localStorage.getItem(key) ?? '{}') ?? {}; } catch { /* a damaged entry: defaults */ }
    apply(settings);
    return settings;
}

export function save(settings) {
    try { localStorage.setItem(key, JSON.stringify(settings)); } catch { /* storage full or disabled: this page only */ }
    apply(settings);
}

function apply(settings) {
    document.documentElement.classList.toggle('presenter', !!settings.presenter);
}
