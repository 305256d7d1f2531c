/** Every key the widget keeps in Web Storage (or names a BroadcastChannel by) starts with this. */
export const STORAGE_PREFIX = 'chat-widget:';

/**
 * The name a widget's data is stored under: the prefix, the widget's
 * `storage-key` (so two bots on one site never mix), and what is stored
 * (nothing for the session itself; `unreadable` for a stored session the widget
 * could not read, kept aside when it is replaced).
 */
export const storageName = (storageKey: string, what?: 'proactive' | 'triggers' | 'unreadable'): string =>
  what ? `${STORAGE_PREFIX}${storageKey}:${what}` : STORAGE_PREFIX + storageKey;
