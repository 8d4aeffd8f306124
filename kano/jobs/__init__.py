"""The jobs behind the ``kano`` commands: one ``run(options)`` per command.

A job validates its options (typed, frozen records in :mod:`kano.jobs.options`),
reads its inputs, computes, renders in the language asked for and writes its
outputs atomically, never over an input; it returns a
:class:`~kano.shared.jobs.JobResult` that the CLI (or a notebook) shows. The
satisfaction side's jobs are in :mod:`satisfaction.jobs`; the quarterly report
takes the satisfaction side's :class:`~kano.shared.jobs.ReportPart` as an
argument, so that neither package imports the other.
"""
