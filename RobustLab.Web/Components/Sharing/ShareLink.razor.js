// Copy a link to the clipboard. The Clipboard API needs a secure context (https, or http on localhost/127.0.0.1) and the
// page's permission; when it is refused the component shows the link instead, and select() readies it for Ctrl+C.
export async function copy(text) {
    try {
        await navigator.clipboard.writeText(text);
        return true;
    } catch {
        return false;
    }
}

export function select(input) {
    if (input) {
        input.focus();
        input.select();
    }
}
