// The admin's additions, for every admin page (templates/admin/base_site.html loads it
// deferred, so Django's own admin scripts have run and the document is parsed).
'use strict';
{
    const $ = window.django && window.django.jQuery;

    function fieldPrefix(element) {
        // "statements-0-position" -> "statements-0-"; "position" -> "".
        const name = element.name;
        return name.slice(0, name.length - element.dataset.fieldName.length);
    }

    function labelText(element) {
        const label = element.id && document.querySelector(`label[for="${element.id}"]`);
        if (label) {
            return label.textContent.replace(/:\s*$/, '').trim();
        }
        // A tabular inline names its fields in the column heads only.
        const cell = element.closest('td[class*="field-"]');
        const name = cell && [...cell.classList].find((c) => c.startsWith('field-'));
        const head = name && cell.closest('table').querySelector(
            `thead th.column-${name.slice('field-'.length)}`
        );
        return head ? head.textContent.trim() : '';
    }

    // Form fields without a label of their own (a tabular inline's cells, select2's
    // boxes) get the label shown beside them or above their column as their name.
    function nameFields(root) {
        for (const field of root.querySelectorAll('td input, td select, td textarea')) {
            if (field.type === 'hidden' || field.labels.length || field.hasAttribute('aria-label')) {
                continue;
            }
            const text = labelText(field);
            if (text) {
                field.setAttribute('aria-label', text);
            }
        }
        for (const select of root.querySelectorAll('select.admin-autocomplete')) {
            const text = labelText(select);
            const container = select.nextElementSibling;
            if (!text || !container || !container.classList.contains('select2')) {
                continue;
            }
            for (const box of container.querySelectorAll(
                '.select2-search__field, .select2-selection__rendered[role="textbox"]'
            )) {
                box.setAttribute('aria-label', text);
            }
            // The box itself is named by its label and then the choice shown in it.
            const box = container.querySelector('.select2-selection');
            const label = select.id && document.querySelector(`label[for="${select.id}"]`);
            const shown = container.querySelector('.select2-selection__rendered[id]');
            if (box && label && shown) {
                label.id = label.id || `${select.id}-label`;
                box.setAttribute('aria-labelledby', `${label.id} ${shown.id}`);
            } else if (box) {
                box.setAttribute('aria-label', text);
                box.removeAttribute('aria-labelledby');
            }
            // A multiple choice lists its choices in a <ul> that also holds the
            // "clear" button, a <span>: named a list, it is one to assistive
            // technology whatever else it holds.
            for (const list of container.querySelectorAll('ul.select2-selection__rendered')) {
                list.setAttribute('role', 'list');
            }
        }
    }

    if ($ && $.fn.djangoAdminSelect2) {
        // Django's autocomplete sends the term and the field; a field marked
        // data-forward-person also sends the person chosen beside it, so that the
        // post autocomplete offers that person's posts only (PositionAdmin's
        // get_search_results).
        $.fn.djangoAdminSelect2 = function() {
            $.each(this, function(i, element) {
                const forward = element.dataset.forwardPerson;
                const source = forward && element.form.elements[fieldPrefix(element) + forward];
                $(element).select2({
                    ajax: {
                        data: (params) => {
                            const data = {
                                term: params.term,
                                page: params.page,
                                app_label: element.dataset.appLabel,
                                model_name: element.dataset.modelName,
                                field_name: element.dataset.fieldName
                            };
                            if (source && source.value) {
                                data.person = source.value;
                            }
                            return data;
                        }
                    }
                });
                if (source) {
                    // The "+" beside the post adds one for the chosen person.
                    const addLink = document.getElementById(`add_${element.id}`);
                    const update = () => {
                        if (!addLink) {
                            return;
                        }
                        const href = new URL(addLink.href);
                        if (source.value) {
                            href.searchParams.set('person', source.value);
                        } else {
                            href.searchParams.delete('person');
                        }
                        addLink.href = href;
                    };
                    $(source).on('change', update);
                    update();
                }
            });
            nameFields(document);
            return this;
        };
        // select2 builds the search box of a single choice when it opens.
        $(document).on('select2:open', (event) => {
            const search = document.querySelector('.select2-container--open .select2-search__field');
            const text = labelText(event.target);
            if (search && text) {
                search.setAttribute('aria-label', text);
            }
        });
    }

    // Django warns of the browser's offset from the server's time zone beside every
    // date field, but only a date with a time (a publish time) depends on it: a date
    // alone means the same day everywhere.
    if (window.DateTimeShortcuts) {
        const warn = window.DateTimeShortcuts.addTimezoneWarning;
        window.DateTimeShortcuts.addTimezoneWarning = function(input) {
            if (input.closest('.datetime')) {
                warn.call(this, input);
            }
        };
    }

    // A new inline row takes the focus, so that keyboard users type into it rather
    // than below it.
    document.addEventListener('formset:added', (event) => {
        nameFields(event.target);
        const first = event.target.querySelector(
            '.select2-selection, input:not([type="hidden"]):not([type="checkbox"]), select:not(.admin-autocomplete), textarea'
        );
        if (first) {
            first.focus();
        }
    });

    // A link to a section opens it, and the sections named in its data-open, when
    // they are folded; one marked data-add-row also adds a row to it.
    document.addEventListener('click', (event) => {
        const link = event.target.closest('a.section-link');
        if (!link) {
            return;
        }
        const target = document.querySelector(link.hash);
        if (!target) {
            return;
        }
        for (const id of [link.hash, ...(link.dataset.open || '').split(' ').filter(Boolean)]) {
            const details = document.querySelector(`${id} details`);
            if (details) {
                details.open = true;
            }
        }
        if (link.dataset.addRow !== undefined) {
            const add = target.querySelector('.add-row a');
            if (add) {
                event.preventDefault();
                add.click();
            }
        }
    });

    // Popups: when the form opened for a "+" fails, its opener says so beside the
    // field, rather than keep a field that silently stays empty.
    const popupFailed = document.querySelector('meta[name="rcm-popup-failed"]');
    if (document.querySelector('input[name="_popup"]') && document.querySelector('.errornote')
        && window.opener && window.opener !== window) {
        const errors = [...document.querySelectorAll('.errornote, .errorlist li')]
            .map((node) => node.textContent.trim());
        window.opener.postMessage({rcmPopupErrors: errors}, window.location.origin);
    }

    function popupNote(fieldId) {
        return document.getElementById(`${fieldId}_popup_errors`);
    }

    window.addEventListener('message', (event) => {
        if (event.origin !== window.location.origin || !event.data || !event.data.rcmPopupErrors
            || !event.source || !popupFailed) {
            return;
        }
        const fieldId = event.source.name.replace(/__\d+$/, '');
        const field = document.getElementById(fieldId);
        if (!field) {
            return;
        }
        const old = popupNote(fieldId);
        if (old) {
            old.remove();
        }
        const note = document.createElement('ul');
        note.className = 'errorlist';
        note.id = `${fieldId}_popup_errors`;
        note.setAttribute('role', 'alert');
        for (const text of [popupFailed.content, ...event.data.rcmPopupErrors]) {
            const item = document.createElement('li');
            item.textContent = text;
            note.append(item);
        }
        (field.closest('.related-widget-wrapper') || field).before(note);
    });

    if (window.dismissAddRelatedObjectPopup) {
        const dismiss = window.dismissAddRelatedObjectPopup;
        window.dismissAddRelatedObjectPopup = function(win, newId, newRepr) {
            const note = popupNote(win.name.replace(/__\d+$/, ''));
            if (note) {
                note.remove();
            }
            return dismiss(win, newId, newRepr);
        };
    }

    nameFields(document);
}
