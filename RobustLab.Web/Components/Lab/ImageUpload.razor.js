// ImageUpload: checks an uploaded PNG/JPEG BEFORE decoding it — its byte size, then its width and height read from
// the file header (PNG IHDR, JPEG SOFn) — so an oversized or decompression-bomb file is never decoded; then decodes it
// (createImageBitmap), fits it into a 28×28 canvas (aspect kept, padded with its top-left colour) and sends the
// luminance bytes to .NET, which validates them again (UploadedDigit).
const Side = 28;
const HeaderBytes = 64 * 1024;

export function init(input, dropZone, dotNet, limits) {
    const handle = async file => {
        if (!file) return;
        try {
            if (file.size > limits.maxBytes) throw new Error(`The file has ${megabytes(file.size)}; the limit is ${megabytes(limits.maxBytes)}.`);
            const header = new Uint8Array(await file.slice(0, HeaderBytes).arrayBuffer());
            const size = imageSize(header);
            if (!size) throw new Error('That is not a PNG or JPEG file (or its size is not in its first 64 KB).');
            if (size.width < 1 || size.height < 1 || size.width > limits.maxSide || size.height > limits.maxSide)
                throw new Error(`The image is ${size.width}×${size.height} pixels; the limit is ${limits.maxSide}×${limits.maxSide}.`);
            const bitmap = await createImageBitmap(file);
            const grey = toGrey(bitmap);
            bitmap.close();
            await dotNet.invokeMethodAsync('OnUploadedAsync', grey, Side, Side, file.name, size.width, size.height);
        } catch (e) {
            await dotNet.invokeMethodAsync('OnRejected', String(e && e.message ? e.message : e)).catch(() => { });
        }
    };

    const change = () => {
        const file = input.files && input.files[0];
        input.value = ''; // choosing the same file again still fires change
        handle(file);
    };
    const over = e => { e.preventDefault(); dropZone.classList.add('is-over'); };
    const leave = () => dropZone.classList.remove('is-over');
    const drop = e => {
        e.preventDefault();
        leave();
        handle(e.dataTransfer && e.dataTransfer.files[0]);
    };

    input.addEventListener('change', change);
    dropZone.addEventListener('dragover', over);
    dropZone.addEventListener('dragleave', leave);
    dropZone.addEventListener('drop', drop);
    return {
        dispose: () => {
            input.removeEventListener('change', change);
            dropZone.removeEventListener('dragover', over);
            dropZone.removeEventListener('dragleave', leave);
            dropZone.removeEventListener('drop', drop);
        },
    };
}

// Width and height from the header: PNG — IHDR's big-endian width and height at bytes 16 and 20;
// JPEG — the first SOFn segment (C0–CF except C4 DHT, C8 JPG, CC DAC): FF Cn, length, precision, height, width.
function imageSize(b) {
    const be16 = i => (b[i] << 8) | b[i + 1];
    const be32 = i => ((b[i] << 24) >>> 0) + (b[i + 1] << 16) + (b[i + 2] << 8) + b[i + 3];
    if (b.length >= 24 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4E && b[3] === 0x47) return { width: be32(16), height: be32(20) };
    if (b.length < 4 || b[0] !== 0xFF || b[1] !== 0xD8) return null;
    let i = 2;
    while (i + 9 < b.length) {
        if (b[i] !== 0xFF) return null;
        const marker = b[i + 1];
        if (marker === 0xFF) { i++; continue; }                                  // fill byte
        if (marker === 0x01 || (marker >= 0xD0 && marker <= 0xD8)) { i += 2; continue; } // no length
        if (marker >= 0xC0 && marker <= 0xCF && marker !== 0xC4 && marker !== 0xC8 && marker !== 0xCC)
            return { height: be16(i + 5), width: be16(i + 7) };
        i += 2 + be16(i + 2);
    }
    return null;
}

function toGrey(bitmap) {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = Side;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(bitmap, 0, 0, 1, 1, 0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    ctx.fillStyle = a < 128 ? '#fff' : `rgb(${r},${g},${b})`;
    ctx.fillRect(0, 0, Side, Side);
    const scale = Side / Math.max(bitmap.width, bitmap.height);
    const w = bitmap.width * scale, h = bitmap.height * scale;
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, (Side - w) / 2, (Side - h) / 2, w, h);
    const rgba = ctx.getImageData(0, 0, Side, Side).data;
    const grey = new Uint8Array(Side * Side);
    for (let i = 0; i < grey.length; i++) grey[i] = Math.round(0.299 * rgba[4 * i] + 0.587 * rgba[4 * i + 1] + 0.114 * rgba[4 * i + 2]);
    return grey;
}

const megabytes = n => `${(n / 1048576).toFixed(1)} MB`;
