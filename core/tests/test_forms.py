"""PlainSelect: the same <select> as Django's, without a template per option."""

from django import forms

from core.forms import PlainSelect


class Choose(forms.Form):
    colour = forms.ChoiceField(
        label="颜色", required=False, choices=[("", "全部"), ("1", "红 <b>"), ("2", "蓝")], widget=PlainSelect
    )
    grouped = forms.ChoiceField(
        label="分组", required=False, choices=[("甲", [("a", "A")]), ("乙", [("b", "B")])], widget=PlainSelect
    )


def test_the_chosen_option_is_selected_and_labels_are_escaped():
    html = str(Choose({"colour": "2"})["colour"])
    assert html.startswith("<select ") and 'name="colour"' in html and 'id="id_colour"' in html
    assert '<option value="2" selected>蓝</option>' in html
    assert '<option value="1">红 &lt;b&gt;</option>' in html and '<option value="">全部</option>' in html


def test_attributes_from_the_form_are_kept():
    form = Choose({"colour": "9"})
    form.add_error("colour", "不对")
    html = str(form["colour"])
    assert 'aria-invalid="true"' in html and "selected" not in html


def test_grouped_choices_fall_back_to_django():
    html = str(Choose({"grouped": "b"})["grouped"])
    assert '<optgroup label="乙">' in html and '<option value="b" selected>B</option>' in html
