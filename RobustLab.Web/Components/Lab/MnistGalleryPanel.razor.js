// MnistGalleryPanel: the thumbnail grid is one tab stop and the arrow keys move within it (the server moves the focus,
// roving tabindex). This only stops those keys from also scrolling the page; Tab, Enter and Space keep their defaults.
const MoveKeys = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);

export function init(grid) {
    const onKey = e => { if (MoveKeys.has(e.key)) e.preventDefault(); };
    grid.addEventListener('keydown', onKey);
    return { dispose: () => grid.removeEventListener('keydown', onKey) };
}
