"""Themes and target groups get an English name, shown in the English interface and searchable."""

from django.db import migrations, models

ENGLISH = {
    "Theme": {
        "welzijn": "Well-being",
        "wonen": "Housing",
        "zorg": "Care",
        "leefbaarheid": "Liveability",
        "eenzaamheid": "Loneliness",
        "energie": "Energy",
        "gezondheid": "Health",
        "participatie": "Taking part",
        "laaggeletterdheid": "Low literacy",
        "natuur-en-groen": "Nature and green spaces",
        "armoede": "Poverty",
    },
    "TargetGroup": {
        "alle-bewoners": "All residents",
        "ouderen": "Older people",
        "jongeren": "Young people",
        "kinderen-en-gezinnen": "Children and families",
        "mantelzorgers": "Informal carers",
        "nieuwkomers": "Newcomers",
        "mensen-met-een-beperking": "People with a disability",
        "mensen-met-weinig-geld": "People on a low income",
    },
}


def add_english_names(apps, schema_editor):
    for model_name, names in ENGLISH.items():
        model = apps.get_model("initiatives", model_name)
        for slug, name_en in names.items():
            model.objects.filter(slug=slug, name_en="").update(name_en=name_en)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0007_match_summaries")]

    operations = [
        migrations.AddField(
            model_name="theme",
            name="name_en",
            field=models.CharField(blank=True, max_length=60, verbose_name="name in English"),
        ),
        migrations.AddField(
            model_name="targetgroup",
            name="name_en",
            field=models.CharField(blank=True, max_length=60, verbose_name="name in English"),
        ),
        migrations.RunPython(add_english_names, migrations.RunPython.noop),
    ]
