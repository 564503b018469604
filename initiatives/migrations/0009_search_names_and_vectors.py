"""The directory's search reads the names of an initiative's municipality, themes and target
groups (Dutch and English) besides its own text, and finds word beginnings ("moes" for "moestuin").

A generated column sees only its own row, so the names are copied into three text columns of the
initiative. Triggers keep them current whatever writes the rows: registration, profile edits, CSV
import, the admin, bulk loads, and renaming a municipality, theme or target group. The row's own
trigger recomputes them from the related tables on every write that touches them, so a stale copy
held by Python can never be saved over the right one. Then two generated vectors, each with a GIN
index: the stemmed one (Dutch) and a prefix one (`simple`, accents folded).
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.functions.text
from django.db import migrations, models

NAMES = """
CREATE FUNCTION initiative_search_names() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_municipality := coalesce(
        (SELECT m.name FROM initiatives_municipality AS m WHERE m.id = NEW.municipality_id), '');
    NEW.search_themes := coalesce(
        (SELECT string_agg(concat_ws(' ', t.name, nullif(t.name_en, '')), ' ' ORDER BY t.name)
         FROM initiatives_initiative_themes AS link
         JOIN initiatives_theme AS t ON t.id = link.theme_id
         WHERE link.initiative_id = NEW.id), '');
    NEW.search_target_groups := coalesce(
        (SELECT string_agg(concat_ws(' ', g.name, nullif(g.name_en, '')), ' ' ORDER BY g.name)
         FROM initiatives_initiative_target_groups AS link
         JOIN initiatives_targetgroup AS g ON g.id = link.targetgroup_id
         WHERE link.initiative_id = NEW.id), '');
    RETURN NEW;
END $$;

CREATE TRIGGER initiative_search_names
BEFORE INSERT OR UPDATE OF municipality_id, search_municipality, search_themes, search_target_groups
ON initiatives_initiative FOR EACH ROW EXECUTE FUNCTION initiative_search_names();

-- Writing search_themes makes the trigger above recompute all three names.
CREATE FUNCTION initiative_search_names_of_links() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE initiatives_initiative SET search_themes = ''
    WHERE id IN (SELECT initiative_id FROM changed_links);
    RETURN NULL;
END $$;

CREATE TRIGGER initiative_themes_added AFTER INSERT ON initiatives_initiative_themes
REFERENCING NEW TABLE AS changed_links
FOR EACH STATEMENT EXECUTE FUNCTION initiative_search_names_of_links();
CREATE TRIGGER initiative_themes_removed AFTER DELETE ON initiatives_initiative_themes
REFERENCING OLD TABLE AS changed_links
FOR EACH STATEMENT EXECUTE FUNCTION initiative_search_names_of_links();
CREATE TRIGGER initiative_target_groups_added AFTER INSERT ON initiatives_initiative_target_groups
REFERENCING NEW TABLE AS changed_links
FOR EACH STATEMENT EXECUTE FUNCTION initiative_search_names_of_links();
CREATE TRIGGER initiative_target_groups_removed AFTER DELETE ON initiatives_initiative_target_groups
REFERENCING OLD TABLE AS changed_links
FOR EACH STATEMENT EXECUTE FUNCTION initiative_search_names_of_links();

CREATE FUNCTION initiative_search_names_of_theme() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE initiatives_initiative SET search_themes = '' WHERE id IN (
        SELECT initiative_id FROM initiatives_initiative_themes WHERE theme_id = NEW.id);
    RETURN NULL;
END $$;
CREATE TRIGGER theme_renamed AFTER UPDATE OF name, name_en ON initiatives_theme FOR EACH ROW
WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.name_en IS DISTINCT FROM NEW.name_en)
EXECUTE FUNCTION initiative_search_names_of_theme();

CREATE FUNCTION initiative_search_names_of_target_group() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE initiatives_initiative SET search_themes = '' WHERE id IN (
        SELECT initiative_id FROM initiatives_initiative_target_groups
        WHERE targetgroup_id = NEW.id);
    RETURN NULL;
END $$;
CREATE TRIGGER target_group_renamed AFTER UPDATE OF name, name_en ON initiatives_targetgroup
FOR EACH ROW
WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.name_en IS DISTINCT FROM NEW.name_en)
EXECUTE FUNCTION initiative_search_names_of_target_group();

CREATE FUNCTION initiative_search_names_of_municipality() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE initiatives_initiative SET search_themes = '' WHERE municipality_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER municipality_renamed AFTER UPDATE OF name ON initiatives_municipality FOR EACH ROW
WHEN (OLD.name IS DISTINCT FROM NEW.name)
EXECUTE FUNCTION initiative_search_names_of_municipality();

-- The initiatives already there.
UPDATE initiatives_initiative SET search_themes = '';
"""

DROP_NAMES = """
DROP TRIGGER municipality_renamed ON initiatives_municipality;
DROP TRIGGER target_group_renamed ON initiatives_targetgroup;
DROP TRIGGER theme_renamed ON initiatives_theme;
DROP TRIGGER initiative_target_groups_removed ON initiatives_initiative_target_groups;
DROP TRIGGER initiative_target_groups_added ON initiatives_initiative_target_groups;
DROP TRIGGER initiative_themes_removed ON initiatives_initiative_themes;
DROP TRIGGER initiative_themes_added ON initiatives_initiative_themes;
DROP TRIGGER initiative_search_names ON initiatives_initiative;
DROP FUNCTION initiative_search_names_of_municipality();
DROP FUNCTION initiative_search_names_of_target_group();
DROP FUNCTION initiative_search_names_of_theme();
DROP FUNCTION initiative_search_names_of_links();
DROP FUNCTION initiative_search_names();
"""


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0008_english_names_of_themes_and_target_groups")]

    operations = [
        migrations.AddField(
            model_name="initiative",
            name="search_municipality",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="initiative",
            name="search_themes",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="initiative",
            name="search_target_groups",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunSQL(NAMES, DROP_NAMES),
        # A generated column's expression cannot be altered: it is dropped and added again.
        migrations.RemoveIndex(model_name="initiative", name="initiative_search_idx"),
        migrations.RemoveField(model_name="initiative", name="search_vector"),
        migrations.AddField(
            model_name="initiative",
            name="search_vector",
            field=models.GeneratedField(db_persist=True, expression=django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector(models.F('name'), config='dutch', weight='A'), '||', django.contrib.postgres.search.SearchVector(models.F('pitch'), models.F('place'), models.F('search_municipality'), models.F('search_themes'), models.F('search_target_groups'), config='dutch', weight='B'), django.contrib.postgres.search.SearchConfig('dutch')), '||', django.contrib.postgres.search.SearchVector(models.F('description'), models.F('activities'), config='dutch', weight='C'), django.contrib.postgres.search.SearchConfig('dutch')), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        migrations.AddField(
            model_name="initiative",
            name="search_prefix_vector",
            field=models.GeneratedField(db_persist=True, expression=django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector(models.Func(django.db.models.functions.text.Lower(models.F('name')), models.Value('áàâäãåéèêëíìîïóòôöõúùûüýÿçñ'), models.Value('aaaaaaeeeeiiiiooooouuuuyycn'), function='translate', output_field=models.TextField()), config='simple', weight='A'), '||', django.contrib.postgres.search.SearchVector(models.Func(django.db.models.functions.text.Lower(models.F('pitch')), models.Value('áàâäãåéèêëíìîïóòôöõúùûüýÿçñ'), models.Value('aaaaaaeeeeiiiiooooouuuuyycn'), function='translate', output_field=models.TextField()), models.Func(django.db.models.functions.text.Lower(models.F('place')), models.Value('áàâäãåéèêëíìîïóòôöõúùûüýÿçñ'), models.Value('aaaaaaeeeeiiiiooooouuuuyycn'), function='translate', output_field=models.TextField()), models.Func(django.db.models.functions.text.Lower(models.F('search_municipality')), models.Value('áàâäãåéèêëíìîïóòôöõúùûüýÿçñ'), models.Value('aaaaaaeeeeiiiiooooouuuuyycn'), function='translate', output_field=models.TextField()), models.Func(django.db.models.functions.text.Lower(models.F('search_themes')), models.Value('áàâäãåéèêëíìîïóòôöõúùûüýÿçñ'), models.Value('aaaaaaeeeeiiiiooooouuuuyycn'), function='translate', output_field=models.TextField()), models.Func(django.db.models.functions.text.Lower(models.F('search_target_groups')), models.Value('áàâäãåéèêëíìîïóòôöõúùûüýÿçñ'), models.Value('aaaaaaeeeeiiiiooooouuuuyycn'), function='translate', output_field=models.TextField()), config='simple', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(models.Func(django.db.models.functions.text.Lower(models.F('description')), models.Value('áàâäãåéèêëíìîïóòôöõúùûüýÿçñ'), models.Value('aaaaaaeeeeiiiiooooouuuuyycn'), function='translate', output_field=models.TextField()), models.Func(django.db.models.functions.text.Lower(models.F('activities')), models.Value('áàâäãåéèêëíìîïóòôöõúùûüýÿçñ'), models.Value('aaaaaaeeeeiiiiooooouuuuyycn'), function='translate', output_field=models.TextField()), config='simple', weight='C'), django.contrib.postgres.search.SearchConfig('simple')), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        migrations.AddIndex(
            model_name="initiative",
            index=django.contrib.postgres.indexes.GinIndex(
                models.F("search_vector"), name="initiative_search_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="initiative",
            index=django.contrib.postgres.indexes.GinIndex(
                models.F("search_prefix_vector"), name="initiative_search_prefix_idx"
            ),
        ),
    ]
