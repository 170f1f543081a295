//! Fixed tables the generator draws from: real classification codes (facts) and our own vocabulary.

mod goods;
mod ipc;
mod similar_groups;

pub(crate) use goods::{CLASS_WEIGHTS, GOODS};
pub(crate) use ipc::IPC_SUBCLASSES;
pub(crate) use similar_groups::SIMILAR_GROUPS;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_class_has_groups_goods_and_a_weight() {
        for class in 1..=45usize {
            let groups = SIMILAR_GROUPS[class - 1];
            assert!(!groups.is_empty(), "class {class}");
            for code in groups {
                assert_eq!(code.len(), 4);
                assert_eq!(code[..2].parse::<usize>().ok(), Some(class), "{code}");
            }
            assert!(!GOODS[class - 1].is_empty(), "class {class}");
            assert!(CLASS_WEIGHTS[class - 1] > 0, "class {class}");
        }
        assert_eq!(SIMILAR_GROUPS.iter().map(|g| g.len()).sum::<usize>(), 492);
    }

    #[test]
    fn ipc_groups_have_the_scheme_shape() {
        assert!(IPC_SUBCLASSES.len() >= 60);
        let mut total = 0;
        for subclass in IPC_SUBCLASSES {
            let symbol = subclass.groups[0].split_once(' ').unwrap_or_default().0;
            let s = symbol.as_bytes();
            assert!(s.len() == 4 && b"ABCDEFGH".contains(&s[0]), "{symbol}");
            assert!(s[1].is_ascii_digit() && s[2].is_ascii_digit() && s[3].is_ascii_uppercase());
            for group in subclass.groups {
                let (head, tail) = group.split_once(' ').unwrap_or_default();
                assert_eq!(head, symbol);
                let (main, sub) = tail.split_once('/').unwrap_or_default();
                assert!(!main.is_empty() && main.bytes().all(|b| b.is_ascii_digit()), "{group}");
                assert!(sub.len() >= 2 && sub.bytes().all(|b| b.is_ascii_digit()), "{group}");
                total += 1;
            }
        }
        assert!(total >= 300, "{total}");
    }
}
