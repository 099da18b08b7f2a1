import type {
  AiDocumentKind,
  aiConnectionTestView,
  aiPromptTrialBody,
  aiPromptTrialView,
  aiPromptView,
  aiSettingsBody,
  aiSettingsView,
  aiUsageView,
} from '@boveda/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { useApi } from '../../api/ApiProvider.js';
import type { InvoicePage } from '../inbox/inbox-api.js';

/** Inteligencia artificial's wire types, all from `@boveda/contracts` (`src/api/ai.ts`). */
export type AiSettings = z.output<typeof aiSettingsView>;
export type AiSettingsInput = z.input<typeof aiSettingsBody>;
export type AiConnectionTest = z.output<typeof aiConnectionTestView>;
export type AiUsage = z.output<typeof aiUsageView>;

const settingsKey = ['ai-settings'] as const;

export function useAiSettings() {
  const api = useApi();
  return useQuery({
    queryKey: settingsKey,
    queryFn: () => api.request<AiSettings>('GET', '/api/v1/ai/settings'),
  });
}

export function useSaveAiSettings() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AiSettingsInput) => api.request<AiSettings>('PUT', '/api/v1/ai/settings', { body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsKey, saved);
      return queryClient.invalidateQueries({ queryKey: ['ai-usage'] });
    },
  });
}

export function useStartAiTest() {
  const api = useApi();
  return useMutation({
    mutationFn: () => api.request<AiConnectionTest>('POST', '/api/v1/ai/test'),
  });
}

/** A connection test's result, polled while the job has not answered. */
export function useAiTest(id: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['ai-test', id],
    enabled: id !== null,
    queryFn: () => api.request<AiConnectionTest>('GET', `/api/v1/ai/test/${id}`),
    refetchInterval: (q) => (q.state.data?.status === 'pending' ? 700 : false),
  });
}

export function useAiUsage(month: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: ['ai-usage', month ?? 'current'],
    queryFn: () => api.request<AiUsage>('GET', '/api/v1/ai/usage', { query: month ? { month } : {} }),
  });
}

export type AiPrompt = z.output<typeof aiPromptView>;

export function useAiPrompt(kind: AiDocumentKind) {
  const api = useApi();
  return useQuery({
    queryKey: ['ai-prompt', kind],
    queryFn: () => api.request<AiPrompt>('GET', `/api/v1/ai/prompts/${kind}`),
  });
}

export function useSaveAiPrompt(kind: AiDocumentKind) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: { text: string } | { restore: number }) =>
      'text' in change
        ? api.request<AiPrompt>('PUT', `/api/v1/ai/prompts/${kind}`, { body: { text: change.text } })
        : api.request<AiPrompt>('POST', `/api/v1/ai/prompts/${kind}/restore`, {
            body: { version: change.restore },
          }),
    onSuccess: (saved) => queryClient.setQueryData(['ai-prompt', kind], saved),
  });
}

export type AiPromptTrial = z.output<typeof aiPromptTrialView>;
export type AiPromptTrialInput = z.input<typeof aiPromptTrialBody>;

/** The inbox's invoices read as this kind (the documents a prompt of the kind can be tried on). */
export function useTrialDocuments(kind: AiDocumentKind, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: ['ai-trial-documents', kind],
    enabled,
    queryFn: () =>
      api.request<InvoicePage>('GET', '/api/v1/invoices', { query: { extraction: kind, limit: 50 } }),
  });
}

export function useStartAiPromptTrial() {
  const api = useApi();
  return useMutation({
    mutationFn: (body: AiPromptTrialInput) =>
      api.request<AiPromptTrial>('POST', '/api/v1/ai/prompt-trials', { body }),
  });
}

/** A prompt trial, polled while its job runs (the live channel carries domain events, not these). */
export function useAiPromptTrial(id: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['ai-prompt-trial', id],
    enabled: id !== null,
    queryFn: () => api.request<AiPromptTrial>('GET', `/api/v1/ai/prompt-trials/${id}`),
    refetchInterval: (q) =>
      q.state.data?.status === 'queued' || q.state.data?.status === 'running' ? 700 : false,
  });
}
