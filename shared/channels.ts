/** How a ticket or a message came in. Stored (tickets.channel, messages.channel) and sent over the API. */
export const CHANNELS = ["api", "widget", "portal", "email"] as const;
export type Channel = (typeof CHANNELS)[number];
