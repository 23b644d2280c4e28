export { formatPrice, sumPrices, type Currency, type Price } from './price.js';
export { escapeHtml, renderPage, type MenuItem, type PageData } from './render.js';
