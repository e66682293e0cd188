/**
 * The request header the proxy copies a page's query into, as sent: the order of a view's
 * steps across parameter names survives only there (Next hands pages a plain object).
 */
export const RAW_QUERY_HEADER = "x-rootline-query";
