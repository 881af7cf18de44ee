/** The part of subset-font the build uses (harfbuzz's hb-subset in WebAssembly); the package ships no types. */
declare module 'subset-font' {
  interface SubsetOptions {
    targetFormat?: 'sfnt' | 'woff' | 'woff2';
    keepAllGlyphs?: boolean;
    noHinting?: boolean;
  }
  export default function subsetFont(font: Uint8Array, text: string | undefined, options?: SubsetOptions): Promise<Buffer>;
}
