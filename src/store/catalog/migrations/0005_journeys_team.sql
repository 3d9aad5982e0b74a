CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by_user_id" uuid,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "journey_comments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"journey_id" uuid NOT NULL,
	"stage_id" uuid,
	"lane" text,
	"item_id" uuid,
	"author_user_id" uuid,
	"author_name" text NOT NULL,
	"body" text NOT NULL,
	"mentions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "journey_shares" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"journey_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"last_opened_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "map_images" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"content_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "password_resets" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "personas" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"role" text DEFAULT '' NOT NULL,
	"segment" text DEFAULT '' NOT NULL,
	"quote" text DEFAULT '' NOT NULL,
	"goals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"needs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"pains" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"avatar" text DEFAULT '' NOT NULL,
	"photo_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "channels" ALTER COLUMN "name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "stages" ALTER COLUMN "name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "journey_items" ADD COLUMN "channel_id" uuid;--> statement-breakpoint
ALTER TABLE "journey_items" ADD COLUMN "image_id" uuid;--> statement-breakpoint
ALTER TABLE "journey_items" ADD COLUMN "task_id" uuid;--> statement-breakpoint
ALTER TABLE "journey_items" ADD COLUMN "kpi" jsonb;--> statement-breakpoint
ALTER TABLE "journeys" ADD COLUMN "persona_id" uuid;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_user_id_users_id_fk" FOREIGN KEY ("invited_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_accepted_by_user_id_users_id_fk" FOREIGN KEY ("accepted_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_comments" ADD CONSTRAINT "journey_comments_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_comments" ADD CONSTRAINT "journey_comments_journey_id_journeys_id_fk" FOREIGN KEY ("journey_id") REFERENCES "public"."journeys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_comments" ADD CONSTRAINT "journey_comments_stage_id_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."stages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_comments" ADD CONSTRAINT "journey_comments_item_id_journey_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."journey_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_comments" ADD CONSTRAINT "journey_comments_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_comments" ADD CONSTRAINT "journey_comments_resolved_by_user_id_users_id_fk" FOREIGN KEY ("resolved_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_shares" ADD CONSTRAINT "journey_shares_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_shares" ADD CONSTRAINT "journey_shares_journey_id_journeys_id_fk" FOREIGN KEY ("journey_id") REFERENCES "public"."journeys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_shares" ADD CONSTRAINT "journey_shares_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "map_images" ADD CONSTRAINT "map_images_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "map_images" ADD CONSTRAINT "map_images_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personas" ADD CONSTRAINT "personas_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personas" ADD CONSTRAINT "personas_photo_id_map_images_id_fk" FOREIGN KEY ("photo_id") REFERENCES "public"."map_images"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_token_uq" ON "invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "invitations_ws_idx" ON "invitations" USING btree ("workspace_id","email");--> statement-breakpoint
CREATE INDEX "journey_comments_journey_idx" ON "journey_comments" USING btree ("journey_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "journey_shares_token_uq" ON "journey_shares" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "journey_shares_journey_idx" ON "journey_shares" USING btree ("journey_id");--> statement-breakpoint
CREATE INDEX "map_images_ws_idx" ON "map_images" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "password_resets_user_idx" ON "password_resets" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "personas_ws_idx" ON "personas" USING btree ("workspace_id");--> statement-breakpoint
ALTER TABLE "journey_items" ADD CONSTRAINT "journey_items_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_items" ADD CONSTRAINT "journey_items_image_id_map_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."map_images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_items" ADD CONSTRAINT "journey_items_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journeys" ADD CONSTRAINT "journeys_persona_id_personas_id_fk" FOREIGN KEY ("persona_id") REFERENCES "public"."personas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- A default stage, lane or built-in channel whose name is still a default one (in any of the six
-- languages) was never renamed: its name becomes null and is shown in the reader's language.
UPDATE "stages" SET "name" = NULL WHERE ("key", "name") IN (('need_recognition', 'Need recognition'), ('information_search', 'Information search'), ('comparison', 'Comparison of options'), ('purchase', 'Purchase'), ('post_purchase', 'Post-purchase reaction'), ('need_recognition', 'Bedarfserkennung'), ('information_search', 'Informationssuche'), ('comparison', 'Vergleich der Angebote'), ('purchase', 'Kauf'), ('post_purchase', 'Reaktion nach dem Kauf'), ('need_recognition', 'Осознание потребности'), ('information_search', 'Поиск информации'), ('comparison', 'Сравнение вариантов'), ('purchase', 'Покупка'), ('post_purchase', 'Реакция после покупки'), ('need_recognition', 'Rozpoznání potřeby'), ('information_search', 'Hledání informací'), ('comparison', 'Srovnání možností'), ('purchase', 'Nákup'), ('post_purchase', 'Reakce po nákupu'), ('need_recognition', 'Rozpoznanie potreby'), ('information_search', 'Hľadanie informácií'), ('comparison', 'Porovnanie možností'), ('post_purchase', 'Reakcia po nákupe'), ('need_recognition', 'Conștientizarea nevoii'), ('information_search', 'Căutarea informațiilor'), ('comparison', 'Compararea opțiunilor'), ('purchase', 'Cumpărarea'), ('post_purchase', 'Reacția după cumpărare'));--> statement-breakpoint
UPDATE "channels" SET "name" = NULL WHERE "builtin" AND ("key", "name") IN (('website', 'Website'), ('email', 'E-mail'), ('phone', 'Phone / call centre'), ('chat', 'Chat'), ('messenger', 'Messenger'), ('sms', 'SMS'), ('social_media', 'Social media'), ('search_results', 'Search results'), ('banner_ad', 'Banner ad'), ('context_ad', 'Context ad'), ('review_site', 'Review site'), ('customer_portal', 'Customer portal'), ('mobile_app', 'Mobile app'), ('printed', 'Printed (brochure, flyer, business card, price list, contract)'), ('signage', 'Signage / facade'), ('premises', 'Premises / reception'), ('event', 'Event / fair'), ('in_person', 'In person'), ('post', 'Post'));--> statement-breakpoint
UPDATE "journeys" SET "lanes" = COALESCE((
  SELECT jsonb_agg(CASE WHEN (l->>'key', l->>'name') IN (('touchpoints', 'Touchpoints'), ('actions', 'Customer actions'), ('thoughts', 'Thoughts'), ('feelings', 'Feelings'), ('pain_points', 'Pain points'), ('opportunities', 'Opportunities'), ('frontstage', 'Frontstage'), ('backstage', 'Backstage'), ('actions', 'Handlungen der Kunden'), ('thoughts', 'Gedanken'), ('feelings', 'Gefühle'), ('pain_points', 'Schmerzpunkte'), ('opportunities', 'Chancen'), ('touchpoints', 'Точки контакта'), ('actions', 'Действия клиента'), ('thoughts', 'Мысли'), ('feelings', 'Чувства'), ('pain_points', 'Болевые точки'), ('opportunities', 'Возможности'), ('frontstage', 'Видимая часть (фронтстейдж)'), ('backstage', 'Закулисье (бэкстейдж)'), ('touchpoints', 'Kontaktní body'), ('actions', 'Činnosti zákazníka'), ('thoughts', 'Myšlenky'), ('feelings', 'Pocity'), ('pain_points', 'Problémová místa'), ('opportunities', 'Příležitosti'), ('frontstage', 'Před oponou (frontstage)'), ('backstage', 'Za oponou (backstage)'), ('touchpoints', 'Kontaktné body'), ('thoughts', 'Myšlienky'), ('pain_points', 'Problémové miesta'), ('opportunities', 'Príležitosti'), ('frontstage', 'Pred oponou (frontstage)'), ('touchpoints', 'Puncte de contact'), ('actions', 'Acțiunile clientului'), ('thoughts', 'Gânduri'), ('feelings', 'Sentimente'), ('pain_points', 'Puncte dureroase'), ('opportunities', 'Oportunități'), ('frontstage', 'În fața scenei (frontstage)'), ('backstage', 'În culise (backstage)'))
    THEN jsonb_set(l, '{name}', 'null'::jsonb) ELSE l END ORDER BY ord)
  FROM jsonb_array_elements("lanes") WITH ORDINALITY AS e(l, ord)), '[]'::jsonb
);
