--liquibase formatted sql

-- Migration 005 in the SHIPPED schema variant: the names the public x402.jobs repository and the live backend use
-- (x402_user_openrouter_integrations; the model catalog is x402_openrouter_models, there is no ai_models).
-- Same objects, policies, index, trigger, function and check as the seed variant's changeset.
-- One changeset, so PostgreSQL applies it (and its rollback) as ONE transaction: all of it or none of it.
-- logicalFilePath pins the changeset's identity, so moving this file never makes an applied change look pending.

--changeset x402:005-openrouter-instant logicalFilePath:x402/005-openrouter-instant-shipped.sql runInTransaction:true failOnError:true rollbackSplitStatements:true
--comment: x402_user_openrouter_integrations (encrypted per-user OpenRouter keys behind RLS), x402_resources.openrouter_model_id and openrouter_config, resource_type openrouter_instant
--preconditions onFail:HALT onError:HALT
--precondition-sql-check expectedResult:ok select coalesce('missing prerequisites: ' || string_agg(p.name, ', '), 'ok') from (values ('auth.users', to_regclass('auth.users') is not null), ('auth.uid()', to_regprocedure('auth.uid()') is not null), ('public.x402_openrouter_models', to_regclass('public.x402_openrouter_models') is not null), ('public.x402_resources', to_regclass('public.x402_resources') is not null), ('role service_role', exists (select 1 from pg_roles where rolname = 'service_role'))) as p(name, present) where not p.present
create table public.x402_user_openrouter_integrations (
    user_id           uuid primary key references auth.users (id) on delete cascade,
    encrypted_api_key text not null,
    is_valid          boolean default true,
    last_verified_at  timestamptz,
    is_enabled        boolean default true,
    created_at        timestamptz default now(),
    updated_at        timestamptz default now()
);
comment on table public.x402_user_openrouter_integrations is 'Per-user OpenRouter API key (bring your own key) that runs the user''s openrouter_instant resources. One row per user.';
comment on column public.x402_user_openrouter_integrations.user_id is 'The key''s owner (auth.users.id); deleting the user deletes the key.';
comment on column public.x402_user_openrouter_integrations.encrypted_api_key is 'AES-256-CBC of the API key: <iv as 32 lowercase hex>:<ciphertext as lowercase hex>, key = SHA-256 of INTEGRATION_ENCRYPTION_SECRET. Never plaintext.';
comment on column public.x402_user_openrouter_integrations.is_valid is 'Whether the key last worked when verified; the backend does not check it.';
comment on column public.x402_user_openrouter_integrations.last_verified_at is 'When the key was last verified against OpenRouter; NULL when never.';
comment on column public.x402_user_openrouter_integrations.is_enabled is 'Only enabled keys run resources.';
comment on column public.x402_user_openrouter_integrations.created_at is 'When the key was first saved.';
comment on column public.x402_user_openrouter_integrations.updated_at is 'When the row last changed (set by the openrouter_integration_updated_at trigger).';
alter table public.x402_user_openrouter_integrations enable row level security;
create policy "Users can manage their own OpenRouter config" on public.x402_user_openrouter_integrations
    for all using (auth.uid() = user_id) with check (auth.uid() = user_id);
create policy "Service role full access on OpenRouter" on public.x402_user_openrouter_integrations
    for all to service_role using (true);
create index idx_openrouter_integrations_user_enabled on public.x402_user_openrouter_integrations (user_id, is_enabled);
create function public.update_openrouter_integration_updated_at() returns trigger
    language plpgsql
as $$
begin
    new.updated_at = now();
    return new;
end
$$;
comment on function public.update_openrouter_integration_updated_at() is 'Keeps x402_user_openrouter_integrations.updated_at current on every update.';
create trigger openrouter_integration_updated_at
    before update on public.x402_user_openrouter_integrations
    for each row execute function public.update_openrouter_integration_updated_at();
alter table public.x402_resources
    add column openrouter_model_id uuid references public.x402_openrouter_models (id) on delete set null,
    add column openrouter_config jsonb;
comment on column public.x402_resources.openrouter_model_id is 'openrouter_instant: the catalog model (x402_openrouter_models.id) the resource calls; set to NULL when the model row is deleted.';
comment on column public.x402_resources.openrouter_config is 'openrouter_instant: {modelId, systemPrompt, params: {temperature, maxTokens, topP, frequencyPenalty, presencePenalty}}; the live backend reads systemPrompt, temperature, maxTokens, topP, frequencyPenalty, presencePenalty at the top level.';
alter table public.x402_resources drop constraint x402_resources_resource_type_check;
alter table public.x402_resources add constraint x402_resources_resource_type_check
    check (resource_type in ('external', 'proxy', 'prompt', 'static', 'prompt_template', 'openrouter_instant'));
create index idx_x402_resources_openrouter_model on public.x402_resources (openrouter_model_id)
    where openrouter_model_id is not null;
--rollback drop index public.idx_x402_resources_openrouter_model;
--rollback alter table public.x402_resources drop constraint x402_resources_resource_type_check;
--rollback alter table public.x402_resources add constraint x402_resources_resource_type_check check (resource_type in ('external', 'proxy', 'prompt', 'static', 'prompt_template'));
--rollback alter table public.x402_resources drop column openrouter_config;
--rollback alter table public.x402_resources drop column openrouter_model_id;
--rollback drop trigger openrouter_integration_updated_at on public.x402_user_openrouter_integrations;
--rollback drop function public.update_openrouter_integration_updated_at();
--rollback drop policy "Service role full access on OpenRouter" on public.x402_user_openrouter_integrations;
--rollback drop policy "Users can manage their own OpenRouter config" on public.x402_user_openrouter_integrations;
--rollback drop index public.idx_openrouter_integrations_user_enabled;
--rollback drop table public.x402_user_openrouter_integrations;
