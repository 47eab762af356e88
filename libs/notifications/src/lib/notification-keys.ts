/** The key an SLA or deadline miss's alerts are delivered (and logged) under: one miss, one notification. */
export const slaMissNotificationKey = (missId: string): string => `sla-miss:${missId}`;
