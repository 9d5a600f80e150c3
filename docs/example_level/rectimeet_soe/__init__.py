"""国有企业党委 (state-owned enterprise): a rectimeet level kept entirely as data."""

from rectimeet.levels import DataLevel

plugin = DataLevel("state_enterprise", package=__name__)
