from django import forms


class OutboxFilterForm(forms.Form):
    phone = forms.CharField(label="手机号码", required=False, max_length=20)
