import type { PlanUsage } from '@boveda/contracts';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider.js';

/** The organization's plan and this month's usage (`GET /api/v1/plan`, admins and owners). */
export function usePlanUsage() {
  const api = useApi();
  return useQuery({
    queryKey: ['plan-usage'],
    queryFn: () => api.request<PlanUsage>('GET', '/api/v1/plan'),
  });
}
