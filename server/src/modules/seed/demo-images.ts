import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A square product image: a gradient with the product's label and a subtle pattern. Made locally, no downloads. */
export function productSvg(label: string, colors: [string, string], variant: number): string {
  const angle = (variant * 37) % 360;
  const size = label.length <= 2 ? 220 : label.length === 3 ? 170 : 130;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="750" height="750" viewBox="0 0 750 750">
<defs><linearGradient id="g" gradientTransform="rotate(${angle} .5 .5)"><stop offset="0" stop-color="${colors[0]}"/><stop offset="1" stop-color="${colors[1]}"/></linearGradient></defs>
<rect width="750" height="750" fill="url(#g)"/>
<circle cx="${600 - variant * 60}" cy="${140 + variant * 40}" r="160" fill="#fff" opacity=".12"/>
<circle cx="${120 + variant * 50}" cy="640" r="220" fill="#fff" opacity=".10"/>
<circle cx="375" cy="360" r="250" fill="#fff" opacity=".92"/>
<text x="375" y="${360 + size * 0.35}" text-anchor="middle" font-family="'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif" font-weight="700" font-size="${size}" fill="${colors[1]}">${escapeXml(label)}</text>
<text x="375" y="700" text-anchor="middle" font-family="'Noto Sans CJK SC','PingFang SC',sans-serif" font-size="36" fill="#fff" opacity=".9">邻里优选</text>
</svg>`;
}

export function bannerSvg(title: string, colors: [string, string]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="750" height="320" viewBox="0 0 750 320">
<defs><linearGradient id="g"><stop offset="0" stop-color="${colors[0]}"/><stop offset="1" stop-color="${colors[1]}"/></linearGradient></defs>
<rect width="750" height="320" rx="24" fill="url(#g)"/>
<circle cx="640" cy="70" r="140" fill="#fff" opacity=".15"/>
<text x="48" y="150" font-family="'Noto Sans CJK SC','PingFang SC',sans-serif" font-weight="700" font-size="56" fill="#fff">${escapeXml(title)}</text>
<text x="48" y="220" font-family="'Noto Sans CJK SC','PingFang SC',sans-serif" font-size="32" fill="#fff" opacity=".9">社区团购 · 次日自提</text>
</svg>`;
}

export function avatarSvg(text: string, color: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="132" height="132" viewBox="0 0 132 132"><circle cx="66" cy="66" r="66" fill="${color}"/><text x="66" y="84" text-anchor="middle" font-family="'Noto Sans CJK SC','PingFang SC',sans-serif" font-size="52" fill="#fff">${escapeXml(text)}</text></svg>`;
}

export function categorySvg(text: string, colors: [string, string]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120" viewBox="0 0 120 120"><defs><linearGradient id="g"><stop offset="0" stop-color="${colors[0]}"/><stop offset="1" stop-color="${colors[1]}"/></linearGradient></defs><circle cx="60" cy="60" r="60" fill="url(#g)"/><text x="60" y="74" text-anchor="middle" font-family="'Noto Sans CJK SC','PingFang SC',sans-serif" font-weight="700" font-size="40" fill="#fff">${escapeXml(text)}</text></svg>`;
}

/** Writes a media file under DATA_DIR/media and returns its public path. */
export function writeMedia(dataDir: string, relative: string, content: string): string {
  const file = join(dataDir, 'media', relative);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, content);
  return `/media/${relative}`;
}
