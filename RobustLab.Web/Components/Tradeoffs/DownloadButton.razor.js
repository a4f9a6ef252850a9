// The browser half of DownloadButton: saves a stream from the server as a file.
export async function download(fileName, contentType, streamReference) {
    const buffer = await streamReference.arrayBuffer();
    const url = URL.createObjectURL(new Blob([buffer], { type: contentType }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.click();
    link.remove();
    // NOTE: the click has started the download by now; the URL is no longer needed.
    URL.revokeObjectURL(url);
}
