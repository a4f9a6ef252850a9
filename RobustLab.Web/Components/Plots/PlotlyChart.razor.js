// The browser half of PlotlyChart: one plotly.js chart per element. Figures arrive as JSON strings
// written by PlotJson (plotly's own attribute names), so nothing here maps names or shapes.

const charts = new WeakMap(); // element → { config, observer }
let plotly; // Promise of the Plotly object, loaded once on first use

// NOTE: plotly.js-dist-min is a UMD bundle, not an ES module: importing it runs it for its side effect,
// which is to define the global Plotly (its own, not ours); the bundle's exports are not used.
// The URL comes from Blazor's Assets (fingerprinted, relative to the app's base), so it is resolved against <base href>.
function loadPlotly(url) {
    plotly ??= import(new URL(url, document.baseURI).href).then(() => globalThis.Plotly);
    return plotly;
}

// SVG download: the toolbar's camera exports PNG (toImageButtonOptions); this button adds SVG.
function svgButton(Plotly, filename) {
    return {
        name: 'downloadSvg',
        title: 'Download plot as SVG',
        icon: Plotly.Icons.disk,
        click: gd => Plotly.downloadImage(gd, { format: 'svg', filename }),
    };
}

export async function init(element, plotlyUrl, exportName) {
    const Plotly = await loadPlotly(plotlyUrl);
    const config = {
        responsive: true,
        displaylogo: false,
        toImageButtonOptions: { format: 'png', filename: exportName, scale: 2 },
        modeBarButtonsToAdd: [svgButton(Plotly, exportName)],
    };
    // NOTE: `responsive` follows window resizes only; the sidebar toggle and grid reflows change the
    // container alone, so a ResizeObserver resizes the plot too.
    const observer = new ResizeObserver(() => {
        if (element.data) Plotly.Plots.resize(element);
    });
    observer.observe(element);
    charts.set(element, { config, observer });
}

export async function react(element, figureJson) {
    const chart = charts.get(element);
    if (!chart) return;
    const figure = JSON.parse(figureJson);
    // Plotly.react passes the config again: plotly would otherwise reset it to its defaults.
    await (await plotly).react(element, figure.data, figure.layout, chart.config);
}

export async function extend(element, extensionJson) {
    if (!charts.has(element) || !element.data) return;
    const e = JSON.parse(extensionJson);
    const Plotly = await plotly;
    if (e.maxpoints == null) await Plotly.extendTraces(element, { x: e.x, y: e.y }, e.indices);
    else await Plotly.extendTraces(element, { x: e.x, y: e.y }, e.indices, e.maxpoints);
}

export async function relayout(element, updateJson) {
    if (!charts.has(element)) return;
    await (await plotly).relayout(element, JSON.parse(updateJson));
}

// The same download as the toolbar's buttons (PNG at twice the size, or SVG), for buttons outside the plot.
export async function download(element, format, filename) {
    if (!charts.has(element) || !element.data) return;
    await (await plotly).downloadImage(element, { format, filename, scale: format === 'png' ? 2 : 1 });
}

export async function dispose(element) {
    const chart = charts.get(element);
    if (!chart) return;
    chart.observer.disconnect();
    charts.delete(element);
    (await plotly).purge(element);
}
