/** The pool every task uses unless it names another; each tenant has one. */
export const DEFAULT_POOL = 'default_pool';
