export type Paint = (text: string) => string;

export interface Palette {
  bold: Paint;
  dim: Paint;
  red: Paint;
  yellow: Paint;
  cyan: Paint;
  magenta: Paint;
  green: Paint;
}

const plain: Paint = (t) => t;

function sgr(open: number, close: number): Paint {
  // Empty text stays empty so a colour never leaves escape codes around nothing.
  return (t) => (t === '' ? t : `\u001b[${open}m${t}\u001b[${close}m`);
}

export function palette(color: boolean): Palette {
  if (!color) return { bold: plain, dim: plain, red: plain, yellow: plain, cyan: plain, magenta: plain, green: plain };
  return {
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39),
    magenta: sgr(35, 39),
    green: sgr(32, 39),
  };
}
