'use client';

import { createContext, useContext } from 'react';
import type { Selection } from '@/lib/replay/params';

/**
 * Lets a record row, the search results or the page header open the one replay dialog of the
 * messages page. Outside that page there is no provider and no replay action is shown.
 */
export type OpenReplay = (selection: Selection, mode: 'replay' | 'redrive') => void;
export const ReplayContext = createContext<OpenReplay | null>(null);

export function useOpenReplay(): OpenReplay | null {
  return useContext(ReplayContext);
}
