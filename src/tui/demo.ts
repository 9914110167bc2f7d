/** The dataset the first run offers and `evtui --demo` loads: a SaaS product over 90 days reads better than a churn-only set. */
export const DEMO_FIXTURE = 'saas-90d';
