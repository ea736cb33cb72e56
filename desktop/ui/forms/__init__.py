"""Add/edit dialogs: pure views that take plain records and return plain inputs.

company.CompanyDialog, contact.ContactDialog, application.ApplicationDialog,
interview.InterviewDialog (returns interview.InterviewDraft), reply.ReplyDialog.
"""
