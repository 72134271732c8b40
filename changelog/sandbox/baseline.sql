--liquibase formatted sql

--changeset x402-sandbox:baseline-001-roles logicalFilePath:x402/sandbox/baseline.sql splitStatements:false
--comment: Supabase's API roles. anon and authenticated cannot log in; service_role bypasses RLS like on Supabase.
do $roles$
begin
    if not exists (select 1 from pg_roles where rolname = 'anon') then
        create role anon nologin noinherit;
    end if;
    if not exists (select 1 from pg_roles where rolname = 'authenticated') then
        create role authenticated nologin noinherit;
    end if;
    if not exists (select 1 from pg_roles where rolname = 'service_role') then
        create role service_role nologin noinherit bypassrls;
    end if;
    if not exists (select 1 from pg_roles where rolname = 'authenticator') then
        create role authenticator nologin noinherit;
    end if;
end
$roles$;
grant anon, authenticated, service_role to authenticator;
-- Supabase's operator role (postgres) is a member of the API roles, which is what lets it SET ROLE to probe RLS
do $membership$
begin
    execute format('grant anon, authenticated, service_role to %I', current_user);
exception when others then
    raise notice 'membership of % not changed: %', current_user, sqlerrm;
end
$membership$;
--rollback select 1;

--changeset x402-sandbox:baseline-002-auth logicalFilePath:x402/sandbox/baseline.sql splitStatements:false
--comment: The slice of Supabase's auth schema that migration 005 depends on, with Supabase's function semantics.
create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role;

create table auth.users (
    instance_id          uuid,
    id                   uuid not null primary key,
    aud                  varchar(255),
    role                 varchar(255),
    email                varchar(255),
    encrypted_password   varchar(255),
    email_confirmed_at   timestamptz,
    last_sign_in_at      timestamptz,
    raw_app_meta_data    jsonb,
    raw_user_meta_data   jsonb,
    is_super_admin       boolean,
    created_at           timestamptz default now(),
    updated_at           timestamptz default now(),
    phone                text,
    is_anonymous         boolean not null default false,
    deleted_at           timestamptz
);
create unique index users_email_partial_key on auth.users (email) where (is_anonymous is false);
comment on table auth.users is 'Auth: stores user login data within a secure schema.';

-- auth.uid(): the JWT's sub claim, from the legacy per-claim setting or from request.jwt.claims (Supabase's definition)
create or replace function auth.uid() returns uuid
    language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;
comment on function auth.uid() is 'Deprecated. Use auth.jwt() -> ''sub'' instead.';

create or replace function auth.role() returns text
    language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;
comment on function auth.role() is 'Deprecated. Use auth.jwt() -> ''role'' instead.';

create or replace function auth.email() returns text
    language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.email', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
  )::text
$$;

create or replace function auth.jwt() returns jsonb
    language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;

grant execute on function auth.uid(), auth.role(), auth.email(), auth.jwt() to anon, authenticated, service_role;
--rollback drop schema auth cascade;

--changeset x402-sandbox:baseline-003-public-grants logicalFilePath:x402/sandbox/baseline.sql splitStatements:false
--comment: Supabase exposes public to the API roles; RLS, not grants, is what protects rows.
grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
--rollback select 1;

--changeset x402-sandbox:baseline-004-ai-models logicalFilePath:x402/sandbox/baseline.sql splitStatements:false
--comment: Catalog of OpenRouter models (the live table is x402_openrouter_models, same columns). RLS off, as live.
create table public.ai_models (
    id                       uuid primary key default gen_random_uuid(),
    openrouter_id            text not null unique,
    memeputer_name           text,
    display_name             text not null,
    description              text,
    provider                 text not null,
    modality                 text not null default 'text'
        check (modality in ('text', 'image', 'video', 'audio', 'embedding', 'multimodal')),
    context_length           integer,
    max_tokens               integer,
    pricing_prompt           text,
    pricing_completion       text,
    input_cost_per_million   numeric,
    output_cost_per_million  numeric,
    capabilities             jsonb,
    is_active                boolean default true,
    is_curated               boolean default false,
    last_synced_at           timestamptz,
    created_at               timestamptz default now(),
    updated_at               timestamptz default now()
);
--rollback drop table public.ai_models;

--changeset x402-sandbox:baseline-005-servers logicalFilePath:x402/sandbox/baseline.sql splitStatements:false
create table public.x402_servers (
    id             uuid primary key default gen_random_uuid(),
    registered_by  uuid references auth.users (id) on delete set null,
    name           text not null,
    slug           text,
    description    text,
    origin_url     text,
    is_hosted      boolean not null default false,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);
create unique index x402_servers_slug_key on public.x402_servers (slug) where slug is not null;
alter table public.x402_servers enable row level security;
--rollback drop table public.x402_servers;

--changeset x402-sandbox:baseline-006-resources logicalFilePath:x402/sandbox/baseline.sql splitStatements:false
--comment: The columns of the live x402_resources that matter to 005, with its NOT NULL rules, checks and RLS state.
create table public.x402_resources (
    id                      uuid primary key default gen_random_uuid(),
    resource_url            text not null,
    network                 text not null
        constraint x402_resources_network_check
            check (network in ('solana', 'base', 'ethereum', 'polygon', 'base-sepolia', 'ethereum-sepolia',
                               'solana-devnet')),
    name                    text not null,
    pay_to                  text not null,
    normalized_url          text not null,
    slug                    text,
    description             text,
    server_id               uuid references public.x402_servers (id) on delete set null,
    registered_by           uuid references auth.users (id) on delete set null,
    is_active               boolean default true,
    resource_type           text not null default 'external'
        constraint x402_resources_resource_type_check
            check (resource_type in ('external', 'proxy', 'prompt', 'static', 'prompt_template')),
    price_usdc              numeric(10, 6) default 0.01,
    created_at              timestamptz not null default now(),
    updated_at              timestamptz not null default now(),
    pt_system_prompt        text,
    pt_parameters           jsonb default '[]'::jsonb,
    pt_max_tokens           integer default 4096
        constraint pt_max_tokens_range check (pt_max_tokens is null or (pt_max_tokens >= 1 and pt_max_tokens <= 8192)),
    pt_allows_user_message  boolean default false,
    constraint x402_resources_normalized_url_network_key unique (normalized_url, network)
);
create unique index idx_x402_resources_server_slug_active on public.x402_resources (server_id, slug)
    where slug is not null and is_active;
create index idx_x402_resources_server on public.x402_resources (server_id);
-- RLS on with no policies: only service_role (BYPASSRLS) reaches the rows, as on the live project
alter table public.x402_resources enable row level security;
--rollback drop table public.x402_resources;

--changeset x402-sandbox:baseline-007-claude-configs logicalFilePath:x402/sandbox/baseline.sql splitStatements:false
--comment: Migration 002's pattern, which 005 copies: encrypted per-user API key behind RLS.
create table public.x402_user_claude_configs (
    user_id            uuid primary key references auth.users (id) on delete cascade,
    api_key_encrypted  text not null,
    is_enabled         boolean default true,
    created_at         timestamptz default now(),
    updated_at         timestamptz default now()
);
alter table public.x402_user_claude_configs enable row level security;
create policy "Users can manage their own Claude config" on public.x402_user_claude_configs
    for all using (auth.uid() = user_id) with check (auth.uid() = user_id);
create policy "Service role full access" on public.x402_user_claude_configs
    for all to service_role using (true);
create index idx_claude_configs_user_enabled on public.x402_user_claude_configs (user_id, is_enabled);
create or replace function public.update_claude_config_updated_at() returns trigger
    language plpgsql
as $$
begin
    new.updated_at = now();
    return new;
end;
$$;
create trigger claude_config_updated_at
    before update on public.x402_user_claude_configs
    for each row execute function public.update_claude_config_updated_at();
--rollback drop table public.x402_user_claude_configs; drop function public.update_claude_config_updated_at();

--changeset x402-sandbox:baseline-008-grants logicalFilePath:x402/sandbox/baseline.sql splitStatements:false
--comment: Default privileges only cover future objects; grant on the tables that already exist, as Supabase does.
grant all on all tables in schema public to anon, authenticated, service_role;
grant all on all sequences in schema public to anon, authenticated, service_role;
--rollback select 1;
