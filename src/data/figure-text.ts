import type { Figure } from './schema.js';

/** "at least 9 people", "10-15 families", "heavy casualties": a figure's amount and who, in the record's words. */
export function figureAmount(figure: Figure): string {
  const count = figure.low === null ? undefined : `${figure.low}${figure.high !== undefined ? `-${figure.high}` : ''}`;
  return [figure.qualifier, count, figure.who].filter(Boolean).join(' ');
}
