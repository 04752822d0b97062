// Entry names as a zip stores them: bytes in UTF-8 when the zip says so (flag bit 11), and in
// practice often UTF-8 without saying so; otherwise the format's original code page, CP437.

const UTF8_FLAG = 0x0800;

// The upper half of code page 437, as DOS and Windows Explorer write it.
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

function decodeCp437(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes)
    out += byte < 0x80 ? String.fromCharCode(byte) : (CP437_HIGH[byte - 0x80] ?? '?');
  return out;
}

export function decodeEntryName(bytes: Uint8Array, flags: number): string {
  if (bytes.every((b) => b < 0x80)) return String.fromCharCode(...bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    // A name flagged as UTF-8 that is not UTF-8 is damaged; keep it readable with replacements.
    if (flags & UTF8_FLAG) return new TextDecoder('utf-8').decode(bytes);
    if (error instanceof TypeError) return decodeCp437(bytes);
    throw error;
  }
}
