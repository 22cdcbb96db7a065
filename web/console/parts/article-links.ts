/**
 * Links to help center articles in a reply (SLA 4.10). Replies are mailed as plain text, so a
 * link is the title and the full address on one line, readable in any mail client. A canned
 * answer names an article as `{{article:slug}}`; inserting the answer puts that article's link
 * (in the answer's language) in its place. An article that is not public is never linked: the
 * placeholder stays and the reply cannot be sent until someone replaces it.
 */

/** `{{article:slug}}` in a canned answer's body. */
export const ARTICLE_REF = /\{\{article:([a-z0-9]+(?:-[a-z0-9]+)*)\}\}/g;

export const hasArticleRef = (body: string) => new RegExp(ARTICLE_REF.source).test(body);

/** The address a client opens: the help center page on this server's public origin. */
export const absoluteUrl = (path: string, origin: string = location.origin) => new URL(path, origin).href;

export const articleLinkText = (title: string, url: string) => `${title}: ${url}`;

/**
 * Replaces each `{{article:slug}}` with the link `find` gives, or leaves it where `find` gives
 * none; answers the text and the slugs that stayed.
 */
export async function expandArticleRefs(body: string, find: (slug: string) => Promise<{ title: string; url: string } | null>) {
  const slugs = [...new Set([...body.matchAll(ARTICLE_REF)].map((m) => m[1]!))];
  const found = new Map(await Promise.all(slugs.map(async (s) => [s, await find(s)] as const)));
  const text = body.replace(ARTICLE_REF, (whole, slug: string) => {
    const a = found.get(slug);
    return a ? articleLinkText(a.title, absoluteUrl(a.url)) : whole;
  });
  return { text, missing: slugs.filter((s) => !found.get(s)) };
}
