import type { MenuItem } from './render.js';

/** Sample data for the static build; the real app fetches it from NEXT_PUBLIC_API_URL. */
export const MENU: readonly MenuItem[] = [
  { name: 'Espresso', price: { amountMinor: 250, currency: 'EUR' } },
  { name: 'Flat white', price: { amountMinor: 380, currency: 'EUR' } },
  { name: 'Cold brew', price: { amountMinor: 420, currency: 'EUR' }, soldOut: true },
];
