import 'server-only';
import type { ClusterRef } from '../../dto';
import { maxCharsSchema } from '../../messages/params';
import { param, renderOptions } from '../messages/request-params';
import type { RenderOptions } from '../messages/to-dto';

/**
 * Diffs compare whole values: a value cut at the browser's usual 20,000 characters would diff
 * only its start, so these routes decode up to this much unless maxChars says otherwise.
 */
export const DIFF_MAX_CHARS = 200_000;

export function diffRenderOptions(q: URLSearchParams, cluster: ClusterRef): RenderOptions {
  return { ...renderOptions(q, cluster), maxChars: param(q, 'maxChars', maxCharsSchema) ?? DIFF_MAX_CHARS };
}
