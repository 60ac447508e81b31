import { foldKey } from '../text/fold.js';
import type { ClaimAccount, DisputeKind } from './schema.js';

/**
 * A first guess at how a claim's accounts relate, for the moderator's preview (the moderator decides):
 * `agree` when every account gives the same position; `detail` when they differ only in wording or
 * precision ("two children killed" vs "two people killed, several injured"); `conflict` when they
 * cannot all be true ("chargé d'affaires" vs "ambassador", a denial against an assertion, two
 * different exact numbers). The worst pair decides.
 */
export function suggestDisputeKind(accounts: ReadonlyArray<Pick<ClaimAccount, 'position'>>): DisputeKind {
  const positions = [...new Map(accounts.map((account) => [normalise(account.position), account.position])).keys()];
  let kind: DisputeKind = 'agree';
  for (let i = 0; i < positions.length; i++) {
    for (let j = i + 1; j < positions.length; j++) {
      const pair = comparePositions(positions[i]!, positions[j]!);
      if (pair === 'conflict') return 'conflict';
      kind = 'detail';
    }
  }
  return kind;
}

const normalise = foldKey;

const STOP_WORDS = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'at', 'to', 'and', 'or', 'by', 'it', 'its', 'was', 'were', 'is', 'are', 'with', 'for', 'only']);
const NEGATIONS = new Set(['no', 'not', 'none', 'never', 'denied', 'denies', 'deny', "didn't", "wasn't", "weren't", 'nobody', 'neither', 'nor']);
const VAGUE = new Set(['several', 'many', 'some', 'few', 'dozens', 'scores', 'number', 'least', 'multiple', 'numerous']);
const NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, twenty: 20, hundred: 100,
};
/** Words the reports use for the same thing, and a general word for its particular cases ("children" are "people"). */
const SAME_AS: Record<string, string> = {
  injured: 'wounded', hurt: 'wounded', dead: 'killed', died: 'killed', deaths: 'killed',
  persons: 'people', person: 'people', children: 'people', child: 'people', civilians: 'people', civilian: 'people',
  men: 'people', women: 'people', residents: 'people', others: 'people',
};

interface Reading {
  words: Set<string>;
  numbers: Set<number>;
  vague: boolean;
  negated: boolean;
}

function read(position: string): Reading {
  const reading: Reading = { words: new Set(), numbers: new Set(), vague: false, negated: false };
  for (const raw of position.split(/[^\p{L}\p{N}'-]+/u)) {
    if (!raw) continue;
    if (NEGATIONS.has(raw)) reading.negated = true;
    else if (VAGUE.has(raw)) reading.vague = true;
    else if (/^\d+$/.test(raw)) reading.numbers.add(Number(raw));
    else if (raw in NUMBERS) reading.numbers.add(NUMBERS[raw]!);
    else if (!STOP_WORDS.has(raw)) reading.words.add(SAME_AS[raw] ?? raw);
  }
  return reading;
}

function comparePositions(a: string, b: string): 'detail' | 'conflict' {
  const [x, y] = [read(a), read(b)];
  if (x.negated !== y.negated) return 'conflict';
  // A number only one account gives is a difference of precision when the other gives a vague amount; two exact numbers that differ conflict.
  const onlyX = [...x.numbers].filter((n) => !y.numbers.has(n));
  const onlyY = [...y.numbers].filter((n) => !x.numbers.has(n));
  if ((onlyX.length && !y.vague) || (onlyY.length && !x.vague)) return 'conflict';
  const shared = [...x.words].filter((word) => y.words.has(word)).length;
  const smaller = Math.min(x.words.size, y.words.size);
  if (smaller === 0 || shared === smaller) return 'detail';
  return shared / (x.words.size + y.words.size - shared) >= 0.5 ? 'detail' : 'conflict';
}
