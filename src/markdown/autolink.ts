import {linkUrl} from '../messages/message.js';

/** A link found in running text: the characters it covers and the checked URL it opens. */
export interface FoundLink {
  text: string;
  url: string;
}

/**
 * `http://`, `https://` or `www.` followed by a domain, then anything up to
 * white space or `<`. Sticky (`y`): it matches only at `lastIndex`.
 */
const webLink = /(?:https?:\/\/|www\.)([\w-]+(?:\.[\w-]+)*)[^\s<]*/iy;

/** GFM's extended email autolink: `local@domain.tld`, without a scheme. */
const emailLink = /[\w.+-]+@([\w-]+(?:\.[\w-]+)+)/y;

/** A domain whose last two labels have an underscore is not a real host name (GFM). */
const validDomain = (domain: string) =>
  !domain
    .split('.')
    .slice(-2)
    .some((label) => label.includes('_'));

/**
 * GFM's trailing-punctuation rule: a sentence's full stop, a closing bracket
 * that was not opened inside the link, or an entity-like `&amp;` end is text
 * after the link, not part of it.
 */
function trimTrailing(link: string): string {
  for (;;) {
    const last = link.at(-1);
    if (last !== undefined && '?!.,:*_~\'"'.includes(last)) {
      link = link.slice(0, -1);
    } else if (last === ')' && count(link, ')') > count(link, '(')) {
      link = link.slice(0, -1);
    } else if (last === ';' && /&[a-z0-9]+;$/i.test(link)) {
      link = link.replace(/&[a-z0-9]+;$/i, '');
    } else {
      return link;
    }
  }
}

const count = (text: string, character: string) => text.split(character).length - 1;

/**
 * The link that starts at `index` of `text`, if one does: a bare `http(s)://`
 * URL, a `www.` address (opened with `http://`), or an email address (opened
 * with `mailto:`), with GFM's rules for what may precede it and which trailing
 * punctuation it leaves out. Its URL has passed `linkUrl()`.
 */
export function linkAt(text: string, index: number): FoundLink | undefined {
  const before = text[index - 1] ?? ' ';
  webLink.lastIndex = index;
  const web = webLink.exec(text);
  if (web) {
    const isWww = /^www\./i.test(web[0]);
    // GFM: `www.` starts a link only after white space or `*_~(`; a scheme only when it is not the
    // end of a longer word (`xhttp://`).
    const startsHere = isWww ? /[\s*_~(]/.test(before) : !/[a-z\d]/i.test(before);
    if (!startsHere || !validDomain(web[1])) return undefined;
    const linkText = trimTrailing(web[0]);
    // `www.` alone, or a scheme with nothing after it, is not an address.
    if (/^(?:https?:\/\/|www\.)$/i.test(linkText)) return undefined;
    const url = linkUrl(isWww ? `http://${linkText}` : linkText);
    return url ? {text: linkText, url} : undefined;
  }
  // An address starts at the start of its run of address characters, never inside one.
  if (/[\w.+-]/.test(before)) return undefined;
  emailLink.lastIndex = index;
  const email = emailLink.exec(text);
  if (!email) return undefined;
  const address = email[0].replace(/\.$/, '');
  // GFM: an address ending in `-` or `_` is not linked at all.
  if (/[-_]$/.test(address) || !validDomain(email[1])) return undefined;
  const url = linkUrl(`mailto:${address}`);
  return url ? {text: address, url} : undefined;
}

/**
 * Splits plain text into its runs of text and the links in it (GFM's
 * autolink extension: bare URLs, `www.` addresses, email addresses), for
 * drawing a plain text message with clickable links. Joined back, the parts
 * give the text unchanged.
 *
 * @example findLinks('see www.a.com.') // ['see ', {text: 'www.a.com', url: 'http://www.a.com/'}, '.']
 */
export function findLinks(text: string): Array<string | FoundLink> {
  const parts: Array<string | FoundLink> = [];
  let plainStart = 0;
  let index = 0;
  while (index < text.length) {
    const link = linkAt(text, index);
    if (link) {
      if (index > plainStart) parts.push(text.slice(plainStart, index));
      parts.push(link);
      index += link.text.length;
      plainStart = index;
    } else {
      index++;
    }
  }
  if (plainStart < text.length) parts.push(text.slice(plainStart));
  return parts;
}
