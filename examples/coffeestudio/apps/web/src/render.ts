import { formatPrice, type Price } from './price.js';

export interface MenuItem {
  name: string;
  price: Price;
  soldOut?: boolean;
}

export interface PageData {
  title: string;
  version: string;
  items: readonly MenuItem[];
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

function renderItem(item: MenuItem): string {
  const status = item.soldOut ? ' <em>(sold out)</em>' : '';
  return `<li>${escapeHtml(item.name)} · ${formatPrice(item.price)}${status}</li>`;
}

/** Renders the menu page as a complete HTML document. */
export function renderPage(data: PageData): string {
  const items = data.items.length
    ? `<ul>${data.items.map(renderItem).join('')}</ul>`
    : '<p>No items yet.</p>';
  return [
    '<!doctype html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><title>${escapeHtml(data.title)}</title></head>`,
    `<body><h1>${escapeHtml(data.title)}</h1>${items}`,
    `<footer>CoffeeStudio v${escapeHtml(data.version)}</footer></body>`,
    '</html>',
    '',
  ].join('\n');
}
