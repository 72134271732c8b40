-- Sandbox demo data: users, models, servers and resources of every pre-005 type.
-- Plain SQL, run once by the sandbox (never by the console on another target); the baseline must be in place.


insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at)
values
    ('11111111-1111-4111-8111-111111111111', 'authenticated', 'authenticated', 'alice@example.com', now(),
     '{"provider":"email"}', '{"name":"Alice Creator"}', now() - interval '90 days'),
    ('22222222-2222-4222-8222-222222222222', 'authenticated', 'authenticated', 'bob@example.com', now(),
     '{"provider":"email"}', '{"name":"Bob Builder"}', now() - interval '60 days'),
    ('33333333-3333-4333-8333-333333333333', 'authenticated', 'authenticated', 'carol@example.com', now(),
     '{"provider":"github"}', '{"name":"Carol Prompts"}', now() - interval '30 days'),
    ('44444444-4444-4444-8444-444444444444', 'authenticated', 'authenticated', 'dave@example.com', null,
     '{"provider":"email"}', '{"name":"Dave Buyer"}', now() - interval '7 days'),
    ('55555555-5555-4555-8555-555555555555', 'authenticated', 'authenticated', 'erin@example.com', now(),
     '{"provider":"email"}', '{"name":"Erin Ops"}', now() - interval '1 day');

insert into public.${model_catalog} (id, openrouter_id, display_name, description, provider, modality, context_length,
                              max_tokens, pricing_prompt, pricing_completion, input_cost_per_million,
                              output_cost_per_million, capabilities, is_active, is_curated, last_synced_at)
values
    ('a0000000-0000-4000-8000-000000000001', 'openai/gpt-4o-mini', 'OpenAI: GPT-4o-mini',
     'Small, fast and cheap multimodal model.', 'openai', 'text', 128000, 8000, '0.00000015', '0.0000006',
     0.15, 0.6, '{"vision":true,"web_search":false,"tool_calling":true}', true, true, now()),
    ('a0000000-0000-4000-8000-000000000002', 'anthropic/claude-3.5-sonnet', 'Anthropic: Claude 3.5 Sonnet',
     'Anthropic''s balanced model.', 'anthropic', 'text', 200000, 8000, '0.000003', '0.000015',
     3, 15, '{"vision":true,"web_search":false,"tool_calling":true}', true, true, now()),
    ('a0000000-0000-4000-8000-000000000003', 'google/gemini-2.5-flash-image-preview',
     'Google: Gemini 2.5 Flash Image', 'Image generation and editing.', 'google', 'image', 32768, 8000,
     '0.0000003', '0.0000025', 0.3, 2.5, '{"vision":true,"web_search":false,"tool_calling":false}', true, true,
     now()),
    ('a0000000-0000-4000-8000-000000000004', 'meta-llama/llama-3.1-8b-instruct:free',
     'Meta: Llama 3.1 8B Instruct (free)', 'Free tier model.', 'meta-llama', 'text', 131072, 8000, '0', '0',
     0, 0, '{"vision":false,"web_search":false,"tool_calling":false}', true, false, now()),
    ('a0000000-0000-4000-8000-000000000005', 'mistralai/mistral-small-3.2-24b-instruct',
     'Mistral: Mistral Small 3.2 24B', 'Efficient instruction model.', 'mistralai', 'text', 131072, 8000,
     '0.0000001', '0.0000003', 0.1, 0.3, '{"vision":false,"web_search":false,"tool_calling":true}', true, false,
     now()),
    ('a0000000-0000-4000-8000-000000000006', 'openai/gpt-4-turbo-preview', 'OpenAI: GPT-4 Turbo Preview',
     'Retired from the OpenRouter feed.', 'openai', 'text', 128000, 4000, '0.00001', '0.00003', 10, 30,
     '{"vision":false,"web_search":false,"tool_calling":true}', false, false, now() - interval '20 days');

insert into public.x402_servers (id, registered_by, name, slug, description, origin_url, is_hosted)
values
    ('b0000000-0000-4000-8000-000000000001', '11111111-1111-4111-8111-111111111111', 'Alice Labs', 'alice-labs',
     'Prompt tools by Alice', 'https://alice-labs.example.com', true),
    ('b0000000-0000-4000-8000-000000000002', '22222222-2222-4222-8222-222222222222', 'Bob Tools', 'bob-tools',
     'Data APIs by Bob', 'https://api.bob-tools.example.com', false),
    ('b0000000-0000-4000-8000-000000000003', '33333333-3333-4333-8333-333333333333', 'Carol AI', 'carol-ai',
     'Writing assistants', 'https://carol.example.com', true);

insert into public.x402_resources (id, resource_url, network, name, pay_to, normalized_url, slug, description,
                                   server_id, registered_by, is_active, resource_type, price_usdc,
                                   pt_system_prompt, pt_parameters, pt_max_tokens, pt_allows_user_message)
values
    ('c0000000-0000-4000-8000-000000000001', 'https://api.bob-tools.example.com/weather', 'base', 'Weather now',
     '0xB0b0000000000000000000000000000000000001', 'api.bob-tools.example.com/weather', 'weather-now',
     'Current weather for a city', 'b0000000-0000-4000-8000-000000000002', '22222222-2222-4222-8222-222222222222',
     true, 'external', 0.002, null, '[]', null, false),
    ('c0000000-0000-4000-8000-000000000002', 'https://x402.jobs/proxy/bob-tools/geocode', 'base', 'Geocode proxy',
     '0xB0b0000000000000000000000000000000000001', 'x402.jobs/proxy/bob-tools/geocode', 'geocode',
     'Address to coordinates', 'b0000000-0000-4000-8000-000000000002', '22222222-2222-4222-8222-222222222222',
     true, 'proxy', 0.001, null, '[]', null, false),
    ('c0000000-0000-4000-8000-000000000003', 'https://x402.jobs/r/alice-labs/tagline', 'solana', 'Tagline writer',
     'A1iceSoLanaPayToAddress1111111111111111111', 'x402.jobs/r/alice-labs/tagline', 'tagline',
     'One punchy tagline', 'b0000000-0000-4000-8000-000000000001', '11111111-1111-4111-8111-111111111111',
     true, 'prompt', 0.01, null, '[]', null, false),
    ('c0000000-0000-4000-8000-000000000004', 'https://x402.jobs/r/carol-ai/style-guide', 'base', 'Style guide',
     '0xCa20100000000000000000000000000000000003', 'x402.jobs/r/carol-ai/style-guide', 'style-guide',
     'A static style guide document', 'b0000000-0000-4000-8000-000000000003',
     '33333333-3333-4333-8333-333333333333', true, 'static', 0.05, null, '[]', null, false),
    ('c0000000-0000-4000-8000-000000000005', 'https://x402.jobs/r/alice-labs/haiku', 'solana', 'Haiku on a topic',
     'A1iceSoLanaPayToAddress1111111111111111111', 'x402.jobs/r/alice-labs/haiku', 'haiku',
     'Three lines, seventeen syllables', 'b0000000-0000-4000-8000-000000000001',
     '11111111-1111-4111-8111-111111111111', true, 'prompt_template', 0.01,
     'You are a haiku poet. Write one haiku about {topic}{/topic} in a {mood}{/mood} mood.',
     '[{"name":"topic","description":"What the haiku is about","required":true},{"name":"mood","description":"Tone","required":false,"default":"calm"}]',
     512, false),
    ('c0000000-0000-4000-8000-000000000006', 'https://x402.jobs/r/carol-ai/rewrite', 'base', 'Rewrite politely',
     '0xCa20100000000000000000000000000000000003', 'x402.jobs/r/carol-ai/rewrite', 'rewrite',
     'Rewrites the user message in a polite tone', 'b0000000-0000-4000-8000-000000000003',
     '33333333-3333-4333-8333-333333333333', true, 'prompt_template', 0.02,
     'Rewrite the user''s text so it is polite and clear. Audience: {audience}{/audience}.',
     '[{"name":"audience","description":"Who reads it","required":false,"default":"colleagues"}]', 1024, true),
    ('c0000000-0000-4000-8000-000000000007', 'https://api.bob-tools.example.com/old-quotes', 'ethereum',
     'Stock quotes (retired)', '0xB0b0000000000000000000000000000000000001',
     'api.bob-tools.example.com/old-quotes', 'old-quotes', 'Retired resource',
     'b0000000-0000-4000-8000-000000000002', '22222222-2222-4222-8222-222222222222', false, 'external', 0.003,
     null, '[]', null, false);
