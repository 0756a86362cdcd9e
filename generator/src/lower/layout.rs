//! Lowering, part 6: layout passes over the lowered model: which module holds each type
//! (rule "module placement"), and which fields are boxed.

use super::*;

/// Every type id an operation reaches directly.
pub(super) fn operation_roots(op: &Operation) -> Vec<TypeId> {
    let mut out = Vec::new();
    let mut add = |ty: &TypeRef| collect_ids(ty, &mut out);
    for p in op
        .path_params
        .iter()
        .chain(&op.query_params)
        .chain(&op.header_params)
    {
        add(&p.ty);
    }
    match &op.body {
        Some(RequestBody::Form(body)) => {
            for f in &body.fields {
                add(&f.ty);
            }
            for c in &body.choices {
                out.push(c.id.clone());
            }
        }
        Some(RequestBody::Xml(body)) => collect_ids(&body.ty, &mut out),
        Some(RequestBody::Json(body)) => {
            for f in body.fields.iter().chain(&body.value) {
                add(&f.ty);
            }
        }
        None => {}
    }
    match &op.response {
        ResponseKind::Json(ty) => collect_ids(ty, &mut out),
        ResponseKind::Xml(body) => collect_ids(&body.ty, &mut out),
        ResponseKind::Page(id) => out.push(id.clone()),
        ResponseKind::Empty | ResponseKind::Text { .. } | ResponseKind::Redirect => {}
    }
    out
}

pub(super) fn collect_ids(ty: &TypeRef, out: &mut Vec<TypeId>) {
    match ty {
        TypeRef::Named(id) => out.push(id.clone()),
        TypeRef::Array(inner) | TypeRef::Map(inner) => collect_ids(inner, out),
        _ => {}
    }
}

/// The type ids a type refers to.
pub(super) fn children(def: &TypeDef) -> Vec<TypeId> {
    let mut out = Vec::new();
    match &def.kind {
        TypeKind::Struct(s) => s.fields.iter().for_each(|f| collect_ids(&f.ty, &mut out)),
        TypeKind::Choice(c) => c.members.iter().for_each(|m| collect_ids(&m.ty, &mut out)),
        TypeKind::OneOf(o) => o.variants.iter().for_each(|v| collect_ids(&v.ty, &mut out)),
        TypeKind::Enum(_) | TypeKind::Sid { .. } | TypeKind::IntEnum(_) | TypeKind::Flags(_) => {}
    }
    out
}

/// Rule "module placement": a type used by one resource lives in that resource's module; a type
/// used by several (and every SID) lives in the shared `types` module.
/// Types reached only by callbacks (`extra`: each root with its home) live in that home.
pub(super) fn place_types(
    types: &mut BTreeMap<TypeId, TypeDef>,
    operations: &[Operation],
    extra: &[(TypeId, Home)],
) {
    let mut users: BTreeMap<TypeId, BTreeSet<Home>> = BTreeMap::new();
    for op in operations {
        let mut stack = operation_roots(op);
        let mut seen = BTreeSet::new();
        while let Some(id) = stack.pop() {
            if !seen.insert(id.clone()) {
                continue;
            }
            users
                .entry(id.clone())
                .or_default()
                .insert(Home::Resource(op.resource.clone()));
            if let Some(def) = types.get(&id) {
                stack.extend(children(def));
            }
        }
    }
    let mut extra_users: BTreeMap<TypeId, Home> = BTreeMap::new();
    for (root, home) in extra {
        let mut stack = vec![root.clone()];
        while let Some(id) = stack.pop() {
            if users.contains_key(&id) || extra_users.contains_key(&id) {
                continue;
            }
            extra_users.insert(id.clone(), home.clone());
            if let Some(def) = types.get(&id) {
                stack.extend(children(def));
            }
        }
    }
    for (id, home) in extra_users {
        users.entry(id).or_default().insert(home);
    }
    types.retain(|id, _| users.contains_key(id));
    for (id, def) in types.iter_mut() {
        let modules = users.get(id).cloned().unwrap_or_default();
        def.home = match (&def.kind, modules.len()) {
            (TypeKind::Sid { .. }, _) => Home::Shared,
            (_, 1) => modules.into_iter().next().unwrap_or_default(),
            _ => Home::Shared,
        };
    }
}

/// Marks struct fields that hold their own struct (directly or through other structs, not through
/// a `Vec` or map) as boxed, so recursive schemas compile.
pub(super) fn mark_boxed(types: &mut BTreeMap<TypeId, TypeDef>) {
    let direct = |def: &TypeDef| -> Vec<TypeId> {
        match &def.kind {
            TypeKind::Struct(s) => s
                .fields
                .iter()
                .filter_map(|f| match &f.ty {
                    TypeRef::Named(id) => Some(id.clone()),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    };
    let reaches = |from: &TypeId, target: &TypeId, types: &BTreeMap<TypeId, TypeDef>| -> bool {
        let mut stack = vec![from.clone()];
        let mut seen = BTreeSet::new();
        while let Some(id) = stack.pop() {
            if &id == target {
                return true;
            }
            if seen.insert(id.clone())
                && let Some(def) = types.get(&id)
            {
                stack.extend(direct(def));
            }
        }
        false
    };
    let mut to_box: Vec<(TypeId, usize)> = Vec::new();
    for (id, def) in types.iter() {
        if let TypeKind::Struct(s) = &def.kind {
            for (i, f) in s.fields.iter().enumerate() {
                if let TypeRef::Named(child) = &f.ty
                    && reaches(child, id, types)
                {
                    to_box.push((id.clone(), i));
                }
            }
        }
    }
    for (id, i) in to_box {
        if let Some(TypeDef {
            kind: TypeKind::Struct(s),
            ..
        }) = types.get_mut(&id)
            && let Some(f) = s.fields.get_mut(i)
        {
            f.boxed = true;
        }
    }
}
