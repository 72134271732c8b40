-- One database of a hosted Supabase project just BEFORE migration 005: Supabase's own schemas, owners and grants,
-- then x402.jobs' tables as the operator (postgres) created them. Facts in docs/supabase-target.md.
-- Run by a superuser (supabase_admin on the sandbox) after supabase-roles.sql, on a database that postgres owns.
-- ${model_catalog} is the OpenRouter model catalog of the schema variant: ai_models (seed) or x402_openrouter_models
-- (shipped, the live project's name); the console substitutes it before running the script.
-- It creates nothing of the console's: no x402_console schema, no Liquibase tables, as on a real project.

-- Extensions live in their own schema, never in public
create schema if not exists extensions;
grant usage on schema extensions to postgres, anon, authenticated, service_role;
grant all on schema extensions to postgres, dashboard_user;
create extension if not exists pgcrypto with schema extensions;
create extension if not exists "uuid-ossp" with schema extensions;

-- public: every table, function and sequence that postgres or supabase_admin creates is granted to the API roles
grant usage on schema public to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on sequences to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public grant all on sequences to postgres, anon, authenticated, service_role;

-- auth belongs to GoTrue's role; postgres reaches it through grants and BYPASSRLS, not ownership
create schema if not exists auth authorization supabase_auth_admin;
grant usage on schema auth to anon, authenticated, service_role;
grant all on schema auth to postgres, dashboard_user;

set role supabase_auth_admin;
create table auth.users (
    instance_id                  uuid,
    id                           uuid not null primary key,
    aud                          varchar(255),
    role                         varchar(255),
    email                        varchar(255),
    encrypted_password           varchar(255),
    email_confirmed_at           timestamptz,
    invited_at                   timestamptz,
    confirmation_token           varchar(255),
    confirmation_sent_at         timestamptz,
    recovery_token               varchar(255),
    recovery_sent_at             timestamptz,
    email_change                 varchar(255),
    email_change_sent_at         timestamptz,
    last_sign_in_at              timestamptz,
    raw_app_meta_data            jsonb,
    raw_user_meta_data           jsonb,
    is_super_admin               boolean,
    created_at                   timestamptz,
    updated_at                   timestamptz,
    phone                        text unique default null,
    phone_confirmed_at           timestamptz,
    confirmed_at                 timestamptz generated always as (least(email_confirmed_at, phone_confirmed_at)) stored,
    banned_until                 timestamptz,
    deleted_at                   timestamptz,
    is_sso_user                  boolean not null default false,
    is_anonymous                 boolean not null default false
);
create index users_instance_id_idx on auth.users (instance_id);
create index users_instance_id_email_idx on auth.users (instance_id, lower(email));
create unique index users_email_partial_key on auth.users (email) where (is_sso_user = false);
comment on table auth.users is 'Auth: Stores user login data within a secure schema.';
-- GoTrue migration 20240612123726 enables RLS on its tables and adds no policies
alter table auth.users enable row level security;

-- auth.uid(), auth.role(), auth.email(), auth.jwt(): GoTrue's definitions (legacy per-claim setting, else the JSON)
create or replace function auth.uid() returns uuid
    language sql stable
as $$
  select
  coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;
comment on function auth.uid() is 'Deprecated. Use auth.jwt() -> ''sub'' instead.';

create or replace function auth.role() returns text
    language sql stable
as $$
  select
  coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;
comment on function auth.role() is 'Deprecated. Use auth.jwt() -> ''role'' instead.';

create or replace function auth.email() returns text
    language sql stable
as $$
  select
  coalesce(
    nullif(current_setting('request.jwt.claim.email', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
  )::text
$$;
comment on function auth.email() is 'Deprecated. Use auth.jwt() -> ''email'' instead.';

create or replace function auth.jwt() returns jsonb
    language sql stable
as $$
  select
    coalesce(
        nullif(current_setting('request.jwt.claim', true), ''),
        nullif(current_setting('request.jwt.claims', true), '')
    )::jsonb
$$;
reset role;

grant all on all tables in schema auth to postgres, dashboard_user;
grant all on all sequences in schema auth to postgres, dashboard_user;
grant all on all routines in schema auth to postgres, dashboard_user;
grant execute on all functions in schema auth to anon, authenticated, service_role;

-- The API-exposed schemas, where PostgREST and Supabase's linter read them
do $settings$
begin
    execute format('alter database %I set pgrst.db_schemas = %L', current_database(), 'public, graphql_public');
end
$settings$;

-- x402.jobs' own tables, created by the operator as on the live project (so postgres owns them)
set role postgres;
create table public.${model_catalog} (
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
alter table public.x402_resources enable row level security;

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

reset role;
