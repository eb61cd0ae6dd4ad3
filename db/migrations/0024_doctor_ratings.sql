CREATE TABLE "doctor_ratings" (
	"doctor_id" uuid PRIMARY KEY NOT NULL,
	"visible_count" integer DEFAULT 0 NOT NULL,
	"rating_sum" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "doctor_ratings" ADD CONSTRAINT "doctor_ratings_doctor_id_users_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- custom: doctor_ratings follows reviews by deltas, one upsert per statement (transition tables).
CREATE FUNCTION careslot_doctor_ratings_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO doctor_ratings (doctor_id, visible_count, rating_sum)
    SELECT doctor_id, count(*), sum(rating) FROM added WHERE status = 'visible' GROUP BY doctor_id
    ON CONFLICT (doctor_id) DO UPDATE SET visible_count = doctor_ratings.visible_count + excluded.visible_count,
                                          rating_sum = doctor_ratings.rating_sum + excluded.rating_sum;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE doctor_ratings d SET visible_count = d.visible_count - g.n, rating_sum = d.rating_sum - g.s
    FROM (SELECT doctor_id, count(*) AS n, sum(rating) AS s FROM removed WHERE status = 'visible' GROUP BY doctor_id) g
    WHERE d.doctor_id = g.doctor_id;
  ELSE
    INSERT INTO doctor_ratings (doctor_id, visible_count, rating_sum)
    SELECT doctor_id, sum(n), sum(s) FROM (
      SELECT doctor_id, 1 AS n, rating AS s FROM changed_new WHERE status = 'visible'
      UNION ALL
      SELECT doctor_id, -1, -rating FROM changed_old WHERE status = 'visible'
    ) delta GROUP BY doctor_id HAVING sum(n) <> 0 OR sum(s) <> 0
    ON CONFLICT (doctor_id) DO UPDATE SET visible_count = doctor_ratings.visible_count + excluded.visible_count,
                                          rating_sum = doctor_ratings.rating_sum + excluded.rating_sum;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER reviews_ratings_inserted AFTER INSERT ON reviews REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION careslot_doctor_ratings_apply();
--> statement-breakpoint
CREATE TRIGGER reviews_ratings_updated AFTER UPDATE ON reviews REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION careslot_doctor_ratings_apply();
--> statement-breakpoint
CREATE TRIGGER reviews_ratings_deleted AFTER DELETE ON reviews REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION careslot_doctor_ratings_apply();
--> statement-breakpoint
INSERT INTO doctor_ratings (doctor_id, visible_count, rating_sum)
SELECT doctor_id, count(*), sum(rating) FROM reviews WHERE status = 'visible' GROUP BY doctor_id;
