// DrawingPad: draw with a mouse, a pen or a finger (pointer events); the ink (the canvas's alpha channel),
// downsampled to 112×112 by the browser, goes to .NET while drawing (at most every 150 ms) and when a stroke ends.
// The server scales and centres it the way MNIST digits are (DigitNormalizer).
const ExportSide = 112;
const LiveInterval = 150;

export function init(canvas, dotNet) {
    const ctx = canvas.getContext('2d');
    const exportCanvas = document.createElement('canvas');
    exportCanvas.width = exportCanvas.height = ExportSide;
    const exportCtx = exportCanvas.getContext('2d', { willReadFrequently: true });
    let drawing = false, last = null, lastSent = 0, timer = 0;

    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#000';
    ctx.fillStyle = '#000';
    ctx.lineWidth = canvas.width / 11; // about MNIST's stroke: 2–3 pixels of a 28-pixel digit

    const point = e => {
        const r = canvas.getBoundingClientRect();
        return { x: (e.clientX - r.left) * canvas.width / r.width, y: (e.clientY - r.top) * canvas.height / r.height };
    };

    const send = () => {
        clearTimeout(timer);
        timer = 0;
        lastSent = performance.now();
        exportCtx.clearRect(0, 0, ExportSide, ExportSide);
        exportCtx.imageSmoothingEnabled = true;
        exportCtx.imageSmoothingQuality = 'high';
        exportCtx.drawImage(canvas, 0, 0, ExportSide, ExportSide);
        const rgba = exportCtx.getImageData(0, 0, ExportSide, ExportSide).data;
        const ink = new Uint8Array(ExportSide * ExportSide);
        for (let i = 0; i < ink.length; i++) ink[i] = rgba[4 * i + 3];
        dotNet.invokeMethodAsync('OnDrawnAsync', ink, ExportSide, ExportSide).catch(() => { /* circuit gone */ });
    };

    const sendSoon = () => {
        const wait = LiveInterval - (performance.now() - lastSent);
        if (wait <= 0) send();
        else if (!timer) timer = setTimeout(send, wait);
    };

    const down = e => {
        if (e.button !== undefined && e.button > 0) return;
        e.preventDefault();
        canvas.setPointerCapture(e.pointerId);
        drawing = true;
        last = point(e);
        ctx.beginPath();
        ctx.arc(last.x, last.y, ctx.lineWidth / 2, 0, 2 * Math.PI);
        ctx.fill();
    };

    const move = e => {
        if (!drawing) return;
        e.preventDefault();
        const p = point(e);
        ctx.beginPath();
        ctx.moveTo(last.x, last.y);
        ctx.lineTo(p.x, p.y);
        ctx.stroke();
        last = p;
        sendSoon();
    };

    const up = () => {
        if (!drawing) return;
        drawing = false;
        send();
    };

    canvas.addEventListener('pointerdown', down);
    canvas.addEventListener('pointermove', move);
    canvas.addEventListener('pointerup', up);
    canvas.addEventListener('pointercancel', up);

    return {
        clear: () => {
            clearTimeout(timer);
            timer = 0;
            ctx.clearRect(0, 0, canvas.width, canvas.height);
        },
        dispose: () => {
            clearTimeout(timer);
            canvas.removeEventListener('pointerdown', down);
            canvas.removeEventListener('pointermove', move);
            canvas.removeEventListener('pointerup', up);
            canvas.removeEventListener('pointercancel', up);
        },
    };
}
